// The page-level test hooks rendered by the server shell (docs/embed-pages.md, "Test hooks").

export type PageStatus = 'loading' | 'ready' | 'error';

const hook = (id: string): HTMLElement | null => document.querySelector(`[data-testid="${id}"]`);

export function setStatus(status: PageStatus): void {
  const el = hook('dl-status');
  if (el && el.textContent !== status) el.textContent = status;
  document.documentElement.dataset.dlStatus = status;
}

export function setGeneration(n: number): void {
  const el = hook('dl-token-generation');
  if (el) el.textContent = String(n);
}
