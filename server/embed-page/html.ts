import { escapeHtml } from '../core/html.js';
import type { EmbedPageAssets } from './assets.js';

export type EmbedPageKind = 'chart' | 'dash';

export interface PageShellOptions {
  kind: EmbedPageKind;
  /** Where the router is mounted (usually /embeds); assets are served under `${base}/static/`. */
  base: string;
  apiPrefix: string;
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
    apiPrefix: o.apiPrefix,
    allowedParentOrigins: o.allowedParentOrigins,
    version: o.version,
  };
  const asset = (name: 'embed.js' | 'embed.css') => escapeHtml(`${o.base}/static/${name}?v=${o.assets.get(name)?.hash ?? ''}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${o.kind === 'chart' ? 'Chart' : 'Dashboard'} · DataLens embed (datalens-mock)</title>
<link rel="stylesheet" href="${asset('embed.css')}">
<script>window.DL = ${scriptJson(dl)};</script>
<script type="module" src="${asset('embed.js')}"></script>
</head>
<body class="dl-page-${o.kind}">
<div class="dl-hooks" aria-live="polite"><span data-testid="dl-status">loading</span><span data-testid="dl-token-generation">0</span></div>
<main id="dl-root" class="dl-root"></main>
</body>
</html>
`;
}
