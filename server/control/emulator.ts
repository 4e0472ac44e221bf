import type { Request, Response } from 'express';
import * as z from 'zod';
import type { Clock } from '../core/clock.js';
import type { RuntimeSettings } from '../core/config.js';
import { putEmbeddedTable, type EmbeddedDatasource } from '../datasources/embedded.js';
import { checkTableName } from '../datasources/names.js';
import { parseBody } from '../rpc/validate.js';
import { checkNamespace } from '../namespaces/dispatch.js';
import type { NamespaceApp, NamespaceRegistry } from '../namespaces/registry.js';
import type { Store } from '../store/index.js';

/** What the emulator's own controls read and change: readiness and reset, clock, settings, tables, namespaces. */
export interface EmulatorControlState {
  ready: boolean;
  reset(): Promise<void>;
  clock: Clock;
  settings: RuntimeSettings;
  store: Store;
  datasource: EmbeddedDatasource;
  namespace?: string;
  /** A namespace is reset through its own state. */
  namespaces?: NamespaceRegistry<NamespaceApp & { ctx: { reset(): Promise<void> } }>;
}

const clockBody = z.object({ now: z.union([z.number().int().nonnegative(), z.null()]) }).strict();
const settingsBody = z
  .object({
    precedence: z.enum(['signed-wins', 'unsigned-wins', 'by-date']).optional(),
    strict: z.boolean().optional(),
    clockToleranceSec: z.number().int().nonnegative().optional(),
    precedenceCutover: z.number().int().nonnegative().optional(),
    allowedParentOrigins: z.array(z.string().min(1)).optional(),
    strictIat: z.boolean().optional(),
    embedQueryLimit: z.union([z.number().int().nonnegative(), z.null()]).optional(),
    legacyRedirect: z.boolean().optional(),
  })
  .strict();
const tableBody = z.object({ rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))) }).strict();

export function health(ctx: EmulatorControlState, _req: Request, res: Response): void {
  if (!ctx.ready) {
    res.status(503).json({ status: 'starting' });
    return;
  }
  res.json({ status: 'ok' });
}

/** `POST /_mock/reset` body: nothing, or `{namespace}` (or `?namespace=`) to reset only that namespace. */
const resetBody = z.object({ namespace: z.string().optional() }).strict();
const resetQuery = z.object({ namespace: z.string().optional() }).strict();

/** `POST /_mock/reset`: the emulator's one reset (server/emulator), or a namespace's with `{namespace}`. */
export async function reset(ctx: EmulatorControlState, req: Request, res: Response): Promise<void> {
  const fromQuery = parseBody(resetQuery, req.query, 'POST /_mock/reset (query)').namespace;
  const name = fromQuery ?? parseBody(resetBody, req.body, 'POST /_mock/reset').namespace;
  if (name === undefined) {
    await ctx.reset();
    res.json({ status: 'ok' });
    return;
  }
  checkNamespace(ctx, name);
  const registry = ctx.namespaces!;
  const existed = registry.has(name);
  if (existed) await (await registry.get(name)).ctx.reset();
  res.json({ status: 'ok', namespace: name, existed });
}

const clockView = (ctx: EmulatorControlState) => ({ now: ctx.clock.now(), pinned: ctx.clock.pinned !== null });

export function getClock(ctx: EmulatorControlState, _req: Request, res: Response): void {
  res.json(clockView(ctx));
}

export function setClock(ctx: EmulatorControlState, req: Request, res: Response): void {
  const b = parseBody(clockBody, req.body, 'POST /_mock/clock');
  ctx.clock.set(b.now);
  res.json(clockView(ctx));
}

export function getSettings(ctx: EmulatorControlState, _req: Request, res: Response): void {
  res.json(ctx.settings);
}

export function setSettings(ctx: EmulatorControlState, req: Request, res: Response): void {
  const b = parseBody(settingsBody, req.body, 'POST /_mock/settings');
  for (const [k, v] of Object.entries(b)) if (v !== undefined) (ctx.settings as unknown as Record<string, unknown>)[k] = v;
  res.json(ctx.settings);
}

/** Loads a table of the embedded SQLite data source that `sql` charts read (kept in the store too). */
export function putTable(ctx: EmulatorControlState, req: Request, res: Response): void {
  const table = String(req.params.table);
  checkTableName(table);
  const b = parseBody(tableBody, req.body, `PUT /_mock/datasource/tables/${table}`);
  putEmbeddedTable(ctx, table, b.rows);
  res.json({ table, rows: b.rows.length });
}

export function listTables(ctx: EmulatorControlState, _req: Request, res: Response): void {
  res.json({ tables: ctx.store.datasource.list().map((t) => ({ name: t.name, rows: t.rows.length })) });
}
