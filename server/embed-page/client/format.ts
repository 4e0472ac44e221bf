// Number and value formatting for axes, tooltips and tables. Pure.

const full = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Full precision with thousands separators: 12,345.67. */
export function formatNumber(n: number): string {
  return full.format(n);
}

/** Short form for axes and big indicators: 12.3K, 4.5M. */
export function formatCompact(n: number): string {
  return Math.abs(n) < 10_000 ? full.format(n) : compact.format(n);
}

/** A table cell or tooltip value. */
export function formatCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'number' ? formatNumber(v) : v;
}

/** Cuts a label to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
