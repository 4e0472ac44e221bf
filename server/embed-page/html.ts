import { escapeHtml } from '../core/html.js';
import { PRODUCTION_PAGE_PATHS } from '../core/production.js';
import type { EmbedPageAssets } from './assets.js';

export type EmbedPageKind = 'chart' | 'dash';

export interface PageShellOptions {
  kind: EmbedPageKind;
  /** Where the router is mounted (usually /embeds); assets are served under `${base}/static/`. */
  base: string;
  /** Where the browser reaches the app: `''` at the root (as production), `/_ns/<name>` in a test-kit namespace. */
  appBase: string;
  allowedParentOrigins: string[];
  version: string;
  assets: EmbedPageAssets;
}

/** JSON that is safe inside an inline <script>: no `</script>`, no HTML comment openers, no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}


/** The document around both pages: the head (with `head` inside it), then the body's class, the hooks and `main`. */
function embedDocument(title: string, head: string, bodyClass: string, status: 'loading' | 'error', main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · DataLens embed (datalens-mock)</title>
${head}
</head>
<body class="${bodyClass}">
<div class="dl-hooks" aria-live="polite"><span data-testid="dl-status">${status}</span><span data-testid="dl-token-generation">0</span></div>
${main}
</body>
</html>
`;
}

/**
 * The page shell every embed link loads. It never depends on the token (the token is in the
 * fragment and never reaches the server); the bundle reads it in the browser.
 * The test hooks `dl-status` and `dl-token-generation` exist before any script runs.
 */
export function renderPageShell(o: PageShellOptions): string {
  const dl = {
    page: o.kind,
    // As in DataLens: {mode: 'chart'} on chart pages, true on dash pages.
    embed: o.kind === 'chart' ? { mode: 'chart' } : true,
    // As production pages: data at {endpoints.charts}{apiPrefix}/run, export at {apiPrefix}/export
    // (docs/fidelity.md, "Paths of the production page").
    apiPrefix: PRODUCTION_PAGE_PATHS.apiPrefix,
    endpoints: { charts: PRODUCTION_PAGE_PATHS.charts },
    // As a production embed page says of itself (docs/fidelity.md, "Paths of the production page").
    // Its dynamicFeatures.HideEmbedToken is left out: this page keeps the token in its URL.
    installationType: 'external',
    features: { SecureEmbeddingEnabled: true, EmbeddingUsageLimitEnabled: true },
    // Emulator only: the path the app is mounted under, in front of both.
    appBase: o.appBase,
    allowedParentOrigins: o.allowedParentOrigins,
    version: o.version,
  };
  const asset = (name: 'embed.js' | 'embed.css') => escapeHtml(`${o.base}/static/${name}?v=${o.assets.get(name)?.hash ?? ''}`);
  const head = `<link rel="stylesheet" href="${asset('embed.css')}">
<script>window.DL = ${scriptJson(dl)};</script>
<script type="module" src="${asset('embed.js')}"></script>`;
  return embedDocument(o.kind === 'chart' ? 'Chart' : 'Dashboard', head, `dl-page-${o.kind}`, 'loading', '<main id="dl-root" class="dl-root"></main>');
}

export interface ErrorCardOptions {
  /** The code shown in `[data-testid="dl-error-code"]`. */
  code: string;
  title: string;
  message: string;
  hint: string;
}

/**
 * A page the server answers itself for a link no embed page has (an object id in the path): the
 * same test hooks as the page (`dl-status` is `error`, `dl-error-code` the code), and what to do instead.
 */
export function renderPathErrorPage(o: ErrorCardOptions): string {
  const style = '<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#1f2328}.dl-hooks{display:none}h1{font-size:18px}</style>';
  const main = `<main class="dl-card dl-error" role="alert">
<h1>${escapeHtml(o.title)}</h1>
<p><code data-testid="dl-error-code">${escapeHtml(o.code)}</code></p>
<p data-testid="dl-error-message">${escapeHtml(o.message)}</p>
<p data-testid="dl-error-hint">${escapeHtml(o.hint)}</p>
</main>`;
  return embedDocument(o.title, style, 'dl-page-error', 'error', main);
}
