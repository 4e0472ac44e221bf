import { h } from '../dom.js';

/** A short message at the bottom of a card (export finished or failed). */
export function showToast(host: HTMLElement, text: string, kind: 'info' | 'error' = 'info'): void {
  host.querySelector('.dl-toast')?.remove();
  const toast = h('div', { class: `dl-toast dl-toast--${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  host.append(toast);
  setTimeout(() => toast.remove(), kind === 'error' ? 8000 : 3000);
}
