import { readFileSync } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import type { RuntimeSettings } from '../core/config.js';
import { embedPageAssets } from '../embed-page/assets.js';
import { packageVersion } from '../core/package-root.js';
import { renderPageShell, renderPathErrorPage, type EmbedPageKind } from '../embed-page/html.js';
import { REASONS } from '../errors/catalogue.js';

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
 * Where the browser reaches the app, in front of the paths the page calls (`/charts/embeds/api/run`):
 * `''` at the root, as in production. When the app itself is mounted below a path (a test-kit
 * namespace, `/_ns/<name>/embeds/...`), its gateway lives below that path too.
 */
export function pageAppBase(baseUrl: string, namespace?: string): string {
  const mountedBelow = baseUrl.endsWith(EMBEDS_MOUNT) ? baseUrl.slice(0, -EMBEDS_MOUNT.length) : '';
  // A namespace's own app may also be reached without the /_ns/<name> path in baseUrl (tests).
  return mountedBelow || (namespace ? `/_ns/${namespace}` : '');
}

const FORWARDED_PREFIX = /^\/[\w\-./]*$/;

/**
 * Where the browser reaches the app, when a proxy says so with `X-Forwarded-Prefix` (a path, `/` for
 * the root). The Playwright fixture sends `/` when it serves a namespace under a production origin:
 * the page at `https://datalens.ru/embeds/chart` then loads its assets and calls its API
 * under that origin's own paths, as in production. Anything that is not a plain path is ignored.
 */
export function forwardedAppBase(req: Request): string | undefined {
  const prefix = req.get('x-forwarded-prefix');
  if (prefix === undefined || !FORWARDED_PREFIX.test(prefix) || prefix.includes('..')) return undefined;
  return prefix.replace(/\/+$/, '');
}

/** What the page routes read: the namespace a page lives in, and the parent origins it accepts. */
export interface PagesState {
  namespace?: string;
  settings: Pick<RuntimeSettings, 'allowedParentOrigins'>;
}

/**
 * `GET /embeds/chart` and `GET /embeds/dash` (docs/embed-pages.md), plus the page bundle under
 * `/embeds/static/`. Mounted by the app at `/embeds` (EMBEDS_MOUNT).
 */
export function pagesRouter(ctx: PagesState): Router {
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
        appBase: forwarded === undefined ? pageAppBase(req.baseUrl, ctx.namespace) : forwarded,
        // Read on every request: /_mock/settings may change it at run time.
        allowedParentOrigins: ctx.settings.allowedParentOrigins,
        version,
        assets,
      }),
    );
  };
  router.get('/chart', page('chart'));
  router.get('/dash', page('dash'));
  // `/embeds/dash/<id>`: a link people write by analogy with DataLens's editor URLs. No such page exists;
  // the token names the embed. A page that says so, rather than a bare 404.
  router.get(['/chart/*rest', '/dash/*rest'], (req, res) => {
    const def = REASONS.EMBED_ID_IN_PATH;
    frameable(res);
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(def.status)
      .type('html')
      .send(renderPathErrorPage({ code: 'EMBED_ID_IN_PATH', title: 'No embed page at this path', message: `${req.baseUrl}${req.path}: ${def.message}`, hint: def.hint }));
  });

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
