import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { faultsOf } from '../faults/middleware.js';
import { MockError } from '../errors/catalogue.js';
import { journalOf } from '../journal/middleware.js';
import { parseBody } from '../rpc/validate.js';
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

/** `POST /_mock/reset` body: nothing, or `{namespace}` to reset only that namespace. */
const resetBody = z.object({ namespace: z.string().optional() }).strict();
const resetQuery = z.object({ namespace: z.string().optional() }).strict();

function namespaceParam(req: Request): string | undefined {
  const fromQuery = parseBody(resetQuery, req.query, 'POST /_mock/reset (query)').namespace;
  const fromBody = parseBody(resetBody, req.body, 'POST /_mock/reset').namespace;
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
