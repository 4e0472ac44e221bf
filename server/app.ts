import express from 'express';
import type { AppContext } from './context.js';
import { faultMiddleware } from './faults/middleware.js';
import { faultsRouter } from './faults/routes.js';
import { requestGuard } from './guard/index.js';
import { journalMiddleware } from './journal/middleware.js';
import { journalRouter } from './journal/routes.js';
import { namespaceDispatcher } from './namespaces/dispatch.js';
import { namespacesRouter } from './namespaces/routes.js';
import { coreRpcMethods } from './rpc/index.js';
import { demoRouter } from './routes/demo.js';
import { errorMiddleware, notFound } from './routes/errors.js';
import { lazyRouter } from './routes/lazy.js';
import { exportRouter } from './routes/export.js';
import { EMBEDS_MOUNT, pagesRouter } from './routes/pages.js';
import { gatewayRouter } from './routes/gateway.js';
import { mockRouter } from './routes/mock.js';
import { rpcRouter } from './routes/rpc.js';
import { hostPagesRouter } from './testkit/host-route.js';
import { tokensRouter } from './testkit/tokens-route.js';

/**
 * Wires the emulator's routers (small routers mounted by prefix, one error middleware):
 * - `/embeds/*`: the pages the iframe loads (docs/embed-pages.md)
 * - `{apiPrefix}/*`: the gateway API the pages call
 * - `/rpc/*`: the control plane
 * - `/_mock/*`: emulator controls, incl. the test kit's journal, faults, namespaces and tokens
 * - `/_ns/<name>/*`: an isolated child emulator per namespace (server/namespaces)
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // First: a Host it does not answer, or a cross-site write, never reaches a router (server/guard).
  app.use(requestGuard(ctx));
  app.use('/_ns/:namespace', namespaceDispatcher(ctx));
  // Before the routers: the journal records what they answer; faults may answer instead of them.
  app.use(journalMiddleware(ctx), faultMiddleware(ctx));
  app.use(EMBEDS_MOUNT, pagesRouter(ctx));
  app.use(ctx.options.apiPrefix, gatewayRouter(ctx), exportRouter(ctx));
  app.use('/rpc', express.json({ limit: '100mb' }), rpcRouter(ctx, { ...coreRpcMethods, ...ctx.rpcMethods }));
  const testkit = [journalRouter(ctx), faultsRouter(ctx), namespacesRouter(ctx), tokensRouter(ctx), hostPagesRouter(ctx)];
  app.use('/_mock', express.json({ limit: '100mb' }), ...testkit);
  if (ctx.partner) app.use('/_mock/partner', ctx.partner.router);
  app.use('/_mock', lazyRouter(async () => (await import('./doctor/router.js')).doctorRouter(ctx)));
  app.use('/_mock', demoRouter(ctx));
  app.use('/_mock', mockRouter(ctx));
  app.get('/', (_req, res) => {
    res.json({ name: 'datalens-mock', health: '/_mock/health', docs: 'https://www.npmjs.com/package/datalens-mock' });
  });
  app.use(notFound);
  app.use(errorMiddleware(ctx.log));
  return app;
}
