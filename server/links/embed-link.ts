// The embed link, in one place for the server, the test kit and the page bundle: plain code, no
// Node imports (the page under server/embed-page/client/ bundles this file for the browser).

/** The key of the token in the link's hash: `#dl_embed_token=<JWT>`. The page reads it there, so the HTML request never carries it. */
export const EMBED_TOKEN_KEY = 'dl_embed_token';

/** The page an entry opens on: a dashboard on /embeds/dash, a chart on /embeds/chart. */
export const embedPage = (scope: string): 'chart' | 'dash' => (scope === 'dash' ? 'dash' : 'chart');

/** Unsigned params as a query string: an array repeats the key, `undefined` is left out. */
export function linkQuery(params: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v));
  }
  return query.toString();
}

export interface EmbedLinkParts {
  /** Origin, plus `/_ns/<name>` for a namespace; no trailing slash. */
  base: string;
  /** The entry's scope (`widget` or `dash`): picks /embeds/chart or /embeds/dash. */
  scope: string;
  /** Unsigned params, in the query string. */
  params?: Record<string, unknown>;
  /** Any string: a malformed one too (to show the page's error card). */
  token: string;
}

/** `<base>/embeds/<chart|dash>?<unsigned params>#dl_embed_token=<token>`, the link an iframe loads. */
export function embedLink(o: EmbedLinkParts): string {
  const query = linkQuery(o.params);
  return `${o.base}/embeds/${embedPage(o.scope)}${query ? `?${query}` : ''}#${EMBED_TOKEN_KEY}=${o.token}`;
}

/** The token the page finds in its hash (`#dl_embed_token=<JWT>`), trimmed; '' when there is none. */
export function tokenFromHash(hash: string): string {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  return new URLSearchParams(fragment).get(EMBED_TOKEN_KEY)?.trim() ?? '';
}
