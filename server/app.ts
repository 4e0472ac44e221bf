import express from 'express';
import type { AppContext } from './core/context.js';
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
import { gatewayRouter } from './routes/gateway.js';
import { rpcRouter } from './routes/rpc.js';

/**
 * Wires the emulator's routers (small routers mounted by prefix, one error middleware):
 * - `/embeds/*`: the pages the iframe loads (docs/embed-pages.md)
 * - `{apiPrefix}/*`: the gateway API the pages call
 * - `/rpc/*`: the control plane
 * - `/_mock/*`: the admin API, one table of routes (server/control/routes.ts)
 * - `/_ns/<name>/*`: an isolated child emulator per namespace (server/namespaces)
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Every answer carries an x-request-id (the error views show it), refusals of the guard too.
  app.use(requestId);
  // First: a Host it does not answer, or a cross-site write, never reaches a router (server/guard).
  app.use(requestGuard(ctx));
  app.use('/_ns/:namespace', namespaceDispatcher(ctx));
  // Before the routers: the journal records what they answer; faults may answer instead of them.
  // With `journal: false` nothing is mounted for it: the hot path pays nothing.
  if (ctx.journal.enabled) app.use(journalMiddleware(ctx));
  app.use(faultMiddleware(ctx));
  app.use(EMBEDS_MOUNT, pagesRouter(ctx));
  app.use(ctx.options.apiPrefix, gatewayRouter(ctx), exportRouter(ctx));
  app.use('/rpc', express.json({ limit: '100mb' }), rpcRouter(ctx, { ...coreRpcMethods, ...ctx.rpcMethods }));
  app.use('/_mock', controlRouter(ctx));
  app.get('/', (_req, res) => {
    res.json({ name: 'datalens-mock', health: '/_mock/health', docs: 'https://www.npmjs.com/package/datalens-mock' });
  });
  app.use(notFound);
  app.use(errorMiddleware(ctx.log));
  return app;
}
