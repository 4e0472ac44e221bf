// What the page reads from its own URL besides params and the token. Pure: no DOM.
// Params are read by server/params/dash-link.ts and the token by server/links/embed-link.ts, both shared with the server.

/** `search` without one key (used to drop an unknown `tab`, keeping everything else). */
export function withoutQueryKey(search: string, key: string): string {
  const query = new URLSearchParams(search);
  query.delete(key);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `search` with one key set. */
export function withQueryKey(search: string, key: string, value: string): string {
  const query = new URLSearchParams(search);
  query.set(key, value);
  return `?${query.toString()}`;
}

/** A param value as the test hook shows it: arrays joined with ", ". */
export function paramText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
