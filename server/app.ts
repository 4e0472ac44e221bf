import express from 'express';
import type { AppContext } from './context.js';
import { coreRpcMethods } from './rpc/index.js';
import { errorMiddleware, notFound } from './routes/errors.js';
import { gatewayRouter } from './routes/gateway.js';
import { mockRouter } from './routes/mock.js';
import { rpcRouter } from './routes/rpc.js';

/**
 * Wires the emulator's routers (STYLE: small routers mounted by prefix, one error middleware):
 * - `/embeds/*`: the pages the iframe loads (CONTRACT §2)
 * - `{apiPrefix}/*`: the gateway API the pages call (§3)
 * - `/rpc/*`: the control plane (§4)
 * - `/_mock/*`: emulator controls (§5)
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(ctx.options.apiPrefix, gatewayRouter(ctx));
  app.use('/rpc', express.json({ limit: '100mb' }), rpcRouter(ctx, { ...coreRpcMethods, ...ctx.rpcMethods }));
  app.use('/_mock', mockRouter(ctx));
  app.get('/', (_req, res) => {
    res.json({ name: 'datalens-mock', health: '/_mock/health', docs: 'https://www.npmjs.com/package/datalens-mock' });
  });
  app.use(notFound);
  app.use(errorMiddleware(ctx.log));
  return app;
}
