// What the page reads from its own URL (fact sheet §1.1, §4.2). Pure: no DOM.

export type ParamValue = string | string[];
export type Params = Record<string, ParamValue>;

/** The token lives in the fragment, so the HTML request never carries it: `#dl_embed_token=<JWT>`. */
export function tokenFromHash(hash: string): string {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  return new URLSearchParams(fragment).get('dl_embed_token')?.trim() ?? '';
}

/** DataLens URL options (`src/ui/utils/embedded.ts`, `URL_OPTIONS`): they configure the page, they are not params. */
export const URL_OPTIONS = new Set(['_embedded', '_no_controls', '_theme', '_lang', '_autoupdate', '_action_params', '_no_scroll']);

/** A chart's unsigned params: every query key except URL options; a repeated key becomes an array. */
export function chartLinkParams(search: string): Params {
  const query = new URLSearchParams(search);
  const params: Params = {};
  for (const key of new Set(query.keys())) {
    if (URL_OPTIONS.has(key)) continue;
    const all = query.getAll(key);
    params[key] = all.length === 1 ? all[0] : all;
  }
  return params;
}

/**
 * A dashboard reads from the link only the params declared in `settings.globalParams`, always as
 * arrays (`getAll`), as `getUrlGlobalParams` does (fact sheet §4.2). `tab` and `state` are never params.
 */
export function dashLinkParams(search: string, globalParams: Record<string, unknown> | undefined): Record<string, string[]> {
  const query = new URLSearchParams(search);
  const params: Record<string, string[]> = {};
  for (const key of Object.keys(globalParams ?? {})) {
    if (query.has(key)) params[key] = query.getAll(key);
  }
  return params;
}

/** Query keys a dashboard link carries that the dashboard does not read (shown in the params panel). */
export function ignoredDashLinkKeys(search: string, globalParams: Record<string, unknown> | undefined): string[] {
  const declared = new Set(Object.keys(globalParams ?? {}));
  return [...new Set(new URLSearchParams(search).keys())].filter((k) => k !== 'tab' && !URL_OPTIONS.has(k) && !declared.has(k));
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

/**
 * The token's payload, decoded without verification (the page only uses it to label signed params in
 * the params panel; the server decides). Returns null when the token is not a decodable JWT.
 */
export function decodeTokenPayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A param value as the test hook shows it: arrays joined with ", " (CONTRACT §2). */
export function paramText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
