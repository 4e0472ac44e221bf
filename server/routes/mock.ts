import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { checkTableName } from '../datasources/names.js';
import { MockError } from '../errors/catalogue.js';
import { parseBody } from '../rpc/validate.js';

const clockBody = z.object({ now: z.union([z.number().int().nonnegative(), z.null()]) }).strict();
const settingsBody = z
  .object({
    precedence: z.enum(['signed-wins', 'unsigned-wins', 'by-date']).optional(),
    strict: z.boolean().optional(),
    clockToleranceSec: z.number().int().nonnegative().optional(),
    precedenceCutover: z.number().int().nonnegative().optional(),
    allowedParentOrigins: z.array(z.string().min(1)).optional(),
    strictIat: z.boolean().optional(),
  })
  .strict();
const tableBody = z.object({ rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))) }).strict();

/** Emulator controls under /_mock. */
export function mockRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(express.json({ limit: '100mb' }));

  router.get('/health', (_req, res) => {
    if (!ctx.ready) {
      res.status(503).json({ status: 'starting' });
      return;
    }
    res.json({ status: 'ok' });
  });

  router.post('/reset', async (_req, res) => {
    ctx.ready = false;
    try {
      await ctx.reset();
    } finally {
      ctx.ready = true;
    }
    res.json({ status: 'ok' });
  });

  const clockView = () => ({ now: ctx.clock.now(), pinned: ctx.clock.pinned !== null });
  router.get('/clock', (_req, res) => res.json(clockView()));
  router.post('/clock', (req, res) => {
    const b = parseBody(clockBody, req.body, 'POST /_mock/clock');
    ctx.clock.set(b.now);
    res.json(clockView());
  });

  router.get('/settings', (_req, res) => res.json(ctx.settings));
  router.post('/settings', (req, res) => {
    const b = parseBody(settingsBody, req.body, 'POST /_mock/settings');
    for (const [k, v] of Object.entries(b)) if (v !== undefined) (ctx.settings as unknown as Record<string, unknown>)[k] = v;
    res.json(ctx.settings);
  });

  /** Loads a table of the embedded SQLite data source that `sql` charts read. */
  router.put('/datasource/tables/:table', (req, res) => {
    const table = String(req.params.table);
    checkTableName(table);
    const b = parseBody(tableBody, req.body, `PUT /_mock/datasource/tables/${table}`);
    ctx.datasource.putTable(table, b.rows);
    ctx.store.datasource.put(table, b.rows);
    res.json({ table, rows: b.rows.length });
  });
  router.get('/datasource/tables', (_req, res) => {
    res.json({ tables: ctx.store.datasource.list().map((t) => ({ name: t.name, rows: t.rows.length })) });
  });

  router.use((req) => {
    throw new MockError('ROUTE_NOT_FOUND', { message: `No emulator control ${req.method} /_mock${req.path}.` });
  });
  return router;
}
