import { Router } from 'express';
import type { AppContext } from '../context.js';
import { MockError } from '../errors/catalogue.js';
import { parseBody } from '../rpc/validate.js';
import { embedIdOf } from '../testkit/embed-ref.js';
import { faultsOf } from './middleware.js';
import { faultSpec } from './registry.js';

/**
 * `POST /_mock/faults` adds a fault (body: see `faultSpec`; `embedId` may be a seed key) and answers 201 with it;
 * `GET /_mock/faults` lists them with their remaining counts and hits;
 * `DELETE /_mock/faults` clears all, `DELETE /_mock/faults/:id` one. `POST /_mock/reset` clears them too.
 */
export function faultsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/faults', (req, res) => {
    const spec = parseBody(faultSpec, req.body, 'POST /_mock/faults');
    const embedId = spec.embedId === undefined ? undefined : embedIdOf(ctx, spec.embedId);
    res.status(201).json(faultsOf(ctx).add({ ...spec, embedId }));
  });
  router.get('/faults', (_req, res) => {
    res.json({ faults: faultsOf(ctx).list() });
  });
  router.delete('/faults', (_req, res) => {
    faultsOf(ctx).clear();
    res.json({ faults: [] });
  });
  router.delete('/faults/:id', (req, res) => {
    const id = String(req.params.id);
    if (!faultsOf(ctx).remove(id)) {
      throw new MockError('ROUTE_NOT_FOUND', {
        message: `No fault ${JSON.stringify(id)}: it never existed, was cleared, or ran out.`,
        hint: 'GET /_mock/faults lists the active faults.',
      });
    }
    res.json({ faults: faultsOf(ctx).list() });
  });
  return router;
}
