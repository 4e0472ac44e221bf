import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { MockError } from '../errors/catalogue.js';
import { parseBody } from '../rpc/validate.js';
import { embedIdOf } from '../testkit/embed-ref.js';
import { journalOf } from './middleware.js';
import type { JournalFilter } from './types.js';
import { renderEntryPage, renderListPage } from './ui.js';

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
    since: count.optional(),
    limit: count.optional(),
  })
  .strict();

/** Empty form fields (`?embedId=`) mean "no filter", as a browser submits them. */
function readFilter(ctx: AppContext, query: unknown, where: string): JournalFilter {
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

function notRecorded(id: number, oldest: number | undefined): MockError {
  const known = oldest === undefined ? 'The journal is empty.' : `The journal holds ids ${oldest} and later.`;
  return new MockError('ROUTE_NOT_FOUND', {
    message: `No journal entry ${id}. ${known}`,
    hint: 'Entries go when the journal is full or after POST /_mock/reset; list them with GET /_mock/journal.',
  });
}

/**
 * `GET /_mock/journal` (filters: kind, verdict, embedId, reason, route, status, since, limit),
 * `GET /_mock/journal/:id`, `DELETE /_mock/journal`, and the page `/_mock/ui` over the same data.
 */
export function journalRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/journal', (req, res) => {
    const journal = journalOf(ctx);
    const entries = journal.list(readFilter(ctx, req.query, 'GET /_mock/journal'));
    res.json({ entries, size: journal.size, capacity: journal.capacity, dropped: journal.dropped, cursor: journal.cursor });
  });
  router.get('/journal/:id', (req, res) => {
    const id = readId(String(req.params.id), 'GET /_mock/journal/:id');
    const entry = journalOf(ctx).get(id);
    if (!entry) throw notRecorded(id, journalOf(ctx).list({ limit: journalOf(ctx).capacity })[0]?.id);
    res.json(entry);
  });
  router.delete('/journal', (_req, res) => {
    journalOf(ctx).clear();
    res.json({ status: 'ok' });
  });

  router.get('/ui', (req, res) => {
    const filter = readFilter(ctx, req.query, 'GET /_mock/ui');
    const journal = journalOf(ctx);
    const namespaces = ctx.namespaces?.list().map((n) => n.name) ?? [];
    res.type('html').send(renderListPage({ base: req.baseUrl, entries: journal.list(filter), filter, journal, namespace: ctx.namespace, namespaces }));
  });
  router.get('/ui/requests/:id', (req, res) => {
    const id = readId(String(req.params.id), 'GET /_mock/ui/requests/:id');
    const entry = journalOf(ctx).get(id);
    if (!entry) throw notRecorded(id, journalOf(ctx).list({ limit: journalOf(ctx).capacity })[0]?.id);
    res.type('html').send(renderEntryPage(entry, req.baseUrl, ctx.namespace));
  });
  return router;
}
