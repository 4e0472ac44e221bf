import { Router } from 'express';
import { MockError } from '../errors/catalogue.js';
import { checkApiVersionHeader } from '../rpc/api-version.js';

/**
 * `POST /rpc/<method>`: the control plane, as the DataLens Public API (`https://api.datalens.tech/rpc/<method>`).
 * Each call runs in one transaction. `x-dl-api-version` is checked first, as the Public API does.
 * Each method gets the emulator's state `S` and the JSON body.
 */
export function rpcRouter<S>(ctx: S, methods: Record<string, (ctx: S, body: unknown) => unknown>): Router {
  const router = Router();
  router.use((req, _res, next) => {
    checkApiVersionHeader(req.headers);
    next();
  });
  router.post('/:method', async (req, res) => {
    const name = String(req.params.method);
    const method = Object.hasOwn(methods, name) ? methods[name] : undefined;
    if (!method) {
      throw new MockError('RPC_UNKNOWN_METHOD', {
        message: `There is no /rpc method "${name}". Methods: ${Object.keys(methods).sort().join(', ')}.`,
      });
    }
    res.json(await method(ctx, req.body));
  });
  router.all('/:method', (req) => {
    throw new MockError('RPC_UNKNOWN_METHOD', { message: `/rpc methods are called with POST, not ${req.method}.` });
  });
  return router;
}
