import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { faultsOf } from '../faults/middleware.js';
import { MockError } from '../errors/catalogue.js';
import { journalOf } from '../journal/middleware.js';
import { checkNamespace, namespacesOf } from './dispatch.js';

/** Empties an emulator as `POST /_mock/reset` does, test-kit state included. */
export async function resetEmulator(ctx: AppContext): Promise<void> {
  journalOf(ctx).clear();
  faultsOf(ctx).clear();
  ctx.ready = false;
  try {
    await ctx.reset();
  } finally {
    ctx.ready = true;
  }
}

function namespaceParam(req: Request): string | undefined {
  const fromQuery = typeof req.query.namespace === 'string' ? req.query.namespace : undefined;
  const body = req.body as { namespace?: unknown } | undefined;
  const fromBody = typeof body?.namespace === 'string' ? body.namespace : undefined;
  return fromQuery ?? fromBody;
}

/**
 * Namespace controls under /_mock:
 * - `GET /namespaces`, `PUT /namespaces/:name` (create now, seeded), `DELETE /namespaces/:name`, `DELETE /namespaces`;
 * - `POST /reset {namespace}` (or `?namespace=`) resets only that namespace. Without it, this clears
 *   the journal and faults and lets the core reset (routes/mock.ts) empty the store.
 */
export function namespacesRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/reset', async (req, res, next) => {
    const name = namespaceParam(req);
    if (name === undefined) {
      journalOf(ctx).clear();
      faultsOf(ctx).clear();
      return next();
    }
    checkNamespace(ctx, name);
    const registry = namespacesOf(ctx);
    const existed = registry.has(name);
    if (existed) await resetEmulator((await registry.get(name)).ctx);
    res.json({ status: 'ok', namespace: name, existed });
  });

  router.get('/namespaces', (_req, res) => {
    res.json({ namespaces: ctx.namespaces?.list() ?? [] });
  });
  router.put('/namespaces/:name', async (req, res) => {
    const name = String(req.params.name);
    checkNamespace(ctx, name);
    const registry = namespacesOf(ctx);
    const existed = registry.has(name);
    await registry.get(name);
    res.status(existed ? 200 : 201).json(registry.list().find((n) => n.name === name));
  });
  router.delete('/namespaces/:name', async (req, res) => {
    const name = String(req.params.name);
    checkNamespace(ctx, name);
    if (!(await namespacesOf(ctx).delete(name))) {
      throw new MockError('ROUTE_NOT_FOUND', { message: `No namespace ${name}.`, hint: 'GET /_mock/namespaces lists the live ones.' });
    }
    res.json({ status: 'ok', namespace: name });
  });
  router.delete('/namespaces', async (_req, res) => {
    const names = ctx.namespaces?.list().map((n) => n.name) ?? [];
    await ctx.namespaces?.closeAll();
    res.json({ status: 'ok', closed: names });
  });
  return router;
}
