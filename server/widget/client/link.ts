// What the page reads from its own URL besides params. Pure: no DOM.
// Params themselves are read by server/params/dash-link.ts, shared with the server.
import { EMBED_TOKEN_KEY } from '../../links/embed-link.js';

/** The token lives in the fragment, so the HTML request never carries it: `#dl_embed_token=<JWT>`. */
export function tokenFromHash(hash: string): string {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  return new URLSearchParams(fragment).get(EMBED_TOKEN_KEY)?.trim() ?? '';
}

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
