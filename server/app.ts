import express from 'express';
import type { AppContext } from './emulator/context.js';
import { controlRouter } from './control/routes.js';
import { faultMiddleware } from './faults/middleware.js';
import { requestGuard } from './guard/index.js';
import { journalMiddleware } from './journal/middleware.js';
import { namespaceDispatcher } from './namespaces/dispatch.js';
import { coreRpcMethods } from './rpc/index.js';
import { errorMiddleware, notFound } from './routes/errors.js';
import { exportRouter } from './routes/export.js';
import { requestId } from './routes/request-id.js';
import { EMBEDS_MOUNT, pagesRouter } from './routes/pages.js';
import { gatewayNotFound, gatewayRouter, runRoute } from './routes/gateway.js';
import { PRODUCTION_GATEWAY_PREFIXES, legacyRedirectLocation } from './core/production.js';
import { hostOf } from './guard/hosts.js';
import { rpcRouter } from './routes/rpc.js';
import { chain } from './routes/chain.js';

/**
 * The legacy host's redirect (docs/fidelity.md, "Hosts and the redirect"): a GET or HEAD of `/embeds/*`
 * whose Host is `datalens.yandex.cloud` is sent to the same path and query on `https://datalens.ru`, as
 * production does since 2025-10-09 (the browser keeps the hash). The runtime setting
 * `legacyRedirect: false` (`serve --legacy-host-direct`) serves the legacy host directly, as production
 * did before. Mounted on the root app only, after the request guard, so the Host it reads is allowed.
 */
function legacyHostRedirect(ctx: AppContext) {
  return (req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ctx.settings.legacyRedirect) return next();
    const location = legacyRedirectLocation(hostOf(req.headers.host), req.originalUrl);
    if (location === undefined) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, location);
  };
}

/**
 * `/_ns/:namespace` mounted on a router of its own, entered only by a path that may match it (the
 * router decides, as app.use would): every other request passes in one comparison, inside the
 * chain of per-request middlewares, instead of a layer of its own.
 */
function namespaces(ctx: AppContext) {
  const router = express.Router();
  router.use('/_ns/:namespace', namespaceDispatcher(ctx));
  return (req: express.Request, res: express.Response, next: express.NextFunction): void => {
    const path = req.path;
    if (path.charCodeAt(1) === 0x5f /* _ */ && path.slice(0, 5).toLowerCase() === '/_ns/') router(req, res, next);
    else next();
  };
}

/**
 * Wires the emulator's routers (small routers mounted by prefix, one error middleware):
 * - `/embeds/*`: the pages the iframe loads (docs/embed-pages.md); on the legacy host, a redirect to datalens.ru
 * - `/charts/embeds/api/*`, `/embeds/api/*`: the gateway API, at the paths production pages call
 * - `{apiPrefix}/*` (`/api` by default): the same gateway API, for clients that call it there
 * - `/rpc/*`: the control plane
 * - `/_mock/*`: the admin API, one table of routes (server/control/routes.ts)
 * - `/_ns/<name>/*`: an isolated child emulator per namespace (server/namespaces)
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Every request passes these, so they run as one layer (routes/chain.ts):
  // - every answer carries an x-request-id (the error views show it), refusals of the guard too;
  // - first, a Host it does not answer, or a cross-site write, never reaches a router (server/guard);
  // - the legacy host's /embeds/* moved to datalens.ru (root app only: it reads the original URL, /_ns/ included);
  // - `/_ns/<name>/*` goes to the namespace's own emulator (server/namespaces);
  // - before the routers: the journal records what they answer; faults may answer instead of them.
  //   With `journal: false` nothing is mounted for it: the hot path pays nothing.
  app.use(
    chain(
      requestId,
      requestGuard(ctx),
      ...(ctx.namespace === undefined ? [legacyHostRedirect(ctx)] : []),
      namespaces(ctx),
      ...(ctx.journal.enabled ? [journalMiddleware(ctx, app)] : []),
      faultMiddleware(ctx),
    ),
  );
  // One gateway, mounted where production pages call it and at --api-prefix; before the pages, which
  // own the rest of /embeds. An unknown path below a gateway prefix gets an answer naming the real ones.
  const gatewayPrefixes = [...new Set([ctx.options.apiPrefix, ...PRODUCTION_GATEWAY_PREFIXES])];
  // The hot path first, on its full paths (its only route): no pass through a prefix router for every chart run.
  app.post(gatewayPrefixes.map((p) => `${p.replace(/\/+$/, '')}/run`), runRoute(ctx));
  app.use(gatewayPrefixes, gatewayRouter(ctx), exportRouter(ctx), gatewayNotFound);
  app.use(EMBEDS_MOUNT, pagesRouter(ctx));
  app.use('/rpc', express.json({ limit: '100mb' }), rpcRouter(ctx, { ...coreRpcMethods, ...ctx.rpcMethods }));
  app.use('/_mock', controlRouter(ctx));
  app.get('/', (_req, res) => {
    res.json({ name: 'datalens-mock', health: '/_mock/health', docs: 'https://www.npmjs.com/package/datalens-mock' });
  });
  app.use(notFound);
  app.use(errorMiddleware(ctx.log));
  return app;
}
