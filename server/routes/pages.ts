import { readFileSync } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../core/context.js';
import { embedPageAssets } from '../embed-page/assets.js';
import { packageVersion } from '../core/package-root.js';
import { renderPageShell, type EmbedPageKind } from '../embed-page/html.js';

/**
 * Embeds must be frameable from any origin (docs/fidelity.md, "Framing"): no X-Frame-Options and no CSP
 * `frame-ancestors` at all, since even `*` refuses about:blank and file:// parents (the
 * `page.setContent('<iframe …>')` of a Playwright test).
 */
function frameable(res: Response): void {
  res.removeHeader('X-Frame-Options');
  res.removeHeader('Content-Security-Policy');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Where the app mounts this router (docs/embed-pages.md). */
export const EMBEDS_MOUNT = '/embeds';

/**
 * The API prefix as the browser must call it. When the app itself is mounted below a path (a test-kit
 * namespace, `/_ns/<name>/embeds/...`), the gateway lives below that path too.
 */
export function pageApiPrefix(baseUrl: string, apiPrefix: string, namespace?: string): string {
  const mountedBelow = baseUrl.endsWith(EMBEDS_MOUNT) ? baseUrl.slice(0, -EMBEDS_MOUNT.length) : '';
  // A namespace's own app may also be reached without the /_ns/<name> path in baseUrl (tests).
  const appBase = mountedBelow || (namespace ? `/_ns/${namespace}` : '');
  return `${appBase}${apiPrefix}`;
}

const FORWARDED_PREFIX = /^\/[\w\-./]*$/;

/**
 * Where the browser reaches the app, when a proxy says so with `X-Forwarded-Prefix` (a path, `/` for
 * the root). The Playwright fixture sends `/` when it serves a namespace under a production origin:
 * the page at `https://datalens.yandex.cloud/embeds/chart` then loads its assets and calls its API
 * under that origin's own paths, as in production. Anything that is not a plain path is ignored.
 */
export function forwardedAppBase(req: Request): string | undefined {
  const prefix = req.get('x-forwarded-prefix');
  if (prefix === undefined || !FORWARDED_PREFIX.test(prefix) || prefix.includes('..')) return undefined;
  return prefix.replace(/\/+$/, '');
}

/**
 * `GET /embeds/chart` and `GET /embeds/dash` (docs/embed-pages.md), plus the page bundle under
 * `/embeds/static/`. Mounted by the app at `/embeds` (EMBEDS_MOUNT).
 */
export function pagesRouter(ctx: AppContext): Router {
  const router = Router();
  const version = packageVersion();

  const page = (kind: EmbedPageKind) => async (req: Request, res: Response) => {
    const assets = await embedPageAssets();
    const forwarded = forwardedAppBase(req);
    frameable(res);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      renderPageShell({
        kind,
        base: forwarded === undefined ? req.baseUrl : `${forwarded}${EMBEDS_MOUNT}`,
        // Inside a test-kit namespace (/_ns/<name>/embeds/...), its own API (server/namespaces).
        apiPrefix: forwarded === undefined ? pageApiPrefix(req.baseUrl, ctx.options.apiPrefix, ctx.namespace) : `${forwarded}${ctx.options.apiPrefix}`,
        // Read on every request: /_mock/settings may change it at run time.
        allowedParentOrigins: ctx.settings.allowedParentOrigins,
        version,
        assets,
      }),
    );
  };
  router.get('/chart', page('chart'));
  router.get('/dash', page('dash'));

  router.get('/static/:file', async (req, res, next) => {
    const asset = (await embedPageAssets()).get(req.params.file as 'embed.js');
    if (!asset) return next();
    frameable(res);
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', req.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.send(asset.body);
  });
  return router;
}
