import type { Request, Response } from 'express';
import * as z from 'zod';
import type { RequestJournal } from '../journal/journal.js';
import type { NamespaceState } from '../namespaces/dispatch.js';
import { MockError } from '../errors/catalogue.js';
import type { JournalFilter } from '../journal/types.js';
import { parseBody } from '../rpc/validate.js';
import { embedIdOf, type SeedState } from './embed-ref.js';

/** What the journal's handlers and pages read. */
export interface JournalControlState extends SeedState, NamespaceState {
  journal: RequestJournal;
}

const count = z.coerce.number().int().nonnegative();
/** Query of GET /_mock/journal and /_mock/ui: every filter optional; unknown keys are an error. */
const filterQuery = z
  .object({
    kind: z.enum(['gateway', 'rpc', 'partner']).optional(),
    verdict: z.enum(['accepted', 'rejected', 'failed']).optional(),
    embedId: z.string().min(1).optional(),
    reason: z.string().min(1).optional(),
    route: z.string().min(1).optional(),
    status: count.optional(),
    requestId: z.string().min(1).max(128).optional(),
    since: count.optional(),
    limit: count.optional(),
  })
  .strict();

/** Empty form fields (`?embedId=`) mean "no filter", as a browser submits them. */
function readFilter(ctx: JournalControlState, query: unknown, where: string): JournalFilter {
  const given = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const filter: JournalFilter = parseBody(filterQuery, given, where);
  // An embed may be named by its seed key, as everywhere in the test kit.
  if (filter.embedId !== undefined) filter.embedId = embedIdOf(ctx, filter.embedId);
  return filter;
}

function readId(raw: string, where: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new MockError('INVALID_BODY', { field: 'id', message: `${where}: the journal id must be a positive integer, got ${JSON.stringify(raw)}.` });
  return id;
}

/** The entry, or the 404 that says which ids the journal holds. */
function entryOf(ctx: JournalControlState, raw: string, where: string) {
  const id = readId(raw, where);
  const entry = ctx.journal.get(id);
  if (entry) return entry;
  const oldest = ctx.journal.list({ limit: ctx.journal.capacity })[0]?.id;
  const known = oldest === undefined ? 'The journal is empty.' : `The journal holds ids ${oldest} and later.`;
  throw new MockError('ROUTE_NOT_FOUND', {
    message: `No journal entry ${id}. ${known}`,
    hint: 'Entries go when the journal is full or after POST /_mock/reset; list them with GET /_mock/journal.',
  });
}

/** `GET /_mock/journal` (filters: kind, verdict, embedId, reason, route, status, requestId, since, limit). */
export function listJournal(ctx: JournalControlState, req: Request, res: Response): void {
  const { journal } = ctx;
  const entries = journal.list(readFilter(ctx, req.query, 'GET /_mock/journal'));
  res.json({ entries, size: journal.size, capacity: journal.capacity, dropped: journal.dropped, cursor: journal.cursor });
}

export function getJournalEntry(ctx: JournalControlState, req: Request, res: Response): void {
  res.json(entryOf(ctx, String(req.params.id), 'GET /_mock/journal/:id'));
}

export function clearJournal(ctx: JournalControlState, _req: Request, res: Response): void {
  ctx.journal.clear();
  res.json({ status: 'ok' });
}

/** The journal's pages (HTML), loaded when one is first asked for, not at start. */
const ui = () => import('../journal/ui.js');

/** `/_mock/ui`: the journal as a page, with the same filters. */
export async function journalPage(ctx: JournalControlState, req: Request, res: Response): Promise<void> {
  const filter = readFilter(ctx, req.query, 'GET /_mock/ui');
  const { renderListPage } = await ui();
  const { journal } = ctx;
  const namespaces = ctx.namespaces?.list().map((n) => n.name) ?? [];
  res.type('html').send(renderListPage({ base: req.baseUrl, entries: journal.list(filter), filter, journal, namespace: ctx.namespace, namespaces }));
}

export async function journalEntryPage(ctx: JournalControlState, req: Request, res: Response): Promise<void> {
  const entry = entryOf(ctx, String(req.params.id), 'GET /_mock/ui/requests/:id');
  const { renderEntryPage } = await ui();
  res.type('html').send(renderEntryPage(entry, req.baseUrl, ctx.namespace));
}
