import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../core/context.js';
import { classifyRequest, peekToken, type PeekedToken, type RequestFacts } from './facts.js';
import { futureIatProblem } from '../tokens/claims.js';
import { paramValueWarnings } from '../tokens/param-values.js';
import { describeFirstSeen } from '../gateway/first-seen.js';
import { redact } from './redact.js';
import type { JournalEntry, JournalParams, JournalRejection, Verdict } from './types.js';

/** What the gateway leaves on `res.locals.trace`: the param engine's result (server/params/engine.ts). */
interface ResolvedLocals {
  params?: unknown;
  forbidden?: string[] | null;
  rule?: string;
  trace?: unknown;
}

interface Observed {
  facts: RequestFacts;
  method: string;
  route: string;
  started: number;
  /** Wall clock, ms (made an ISO string when the entry is read). */
  time: number;
  clock: number;
  body?: unknown;
}

/**
 * Records every gateway, rpc and partner request once its answer is sent. Mounted before the
 * routers; it reads what they leave behind: the body they answer with, `res.locals.rejection`
 * (the catalogued error, set by routes/errors.ts), `res.locals.trace` (the param engine's result,
 * set by the gateway) and `res.locals.fault` (server/faults).
 */
export function journalMiddleware(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const facts = classifyRequest(req.path, ctx.options.apiPrefix);
    if (!facts) return next();
    const seen: Observed = {
      facts,
      method: req.method,
      // Captured now: routers rewrite req.url while the request travels through them.
      route: `${req.method} ${req.path}`,
      started: performance.now(),
      time: Date.now(),
      clock: ctx.clock.now(),
    };
    const json = res.json;
    res.json = (body: unknown) => {
      seen.body = body;
      return json.call(res, body);
    };
    // 'close' comes once per response: `on` spares the wrapper that `once` adds.
    res.on('close', () => {
      try {
        const { entry, fill } = buildEntry(seen, req, res, ctx.settings.clockToleranceSec);
        ctx.journal.record(entry, fill);
      } catch (e) {
        ctx.log(`datalens-mock: could not journal ${seen.route}: ${(e as Error).message}`);
      }
    });
    next();
  };
}

function rejectionOf(res: Response): JournalRejection | undefined {
  const err = res.locals.rejection;
  if (err) return { reason: err.reason, message: err.message, hint: err.hint, ...(err.field ? { field: err.field } : {}) };
  const { fault } = res.locals;
  if (fault && res.statusCode >= 400) {
    return { reason: 'INJECTED_FAULT', message: `Answered by fault ${fault.id}: ${fault.description}.`, hint: 'DELETE /_mock/faults to stop injecting failures.' };
  }
  return undefined;
}

function verdictOf(status: number, rejection: JournalRejection | undefined): Verdict {
  if (status < 400) return 'accepted';
  if (status >= 500 && (!rejection || rejection.reason === 'INTERNAL')) return 'failed';
  return 'rejected';
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A gateway answer without its data rows: the journal explains, it does not archive. Not redacted yet. */
function withoutRows(body: unknown): unknown {
  const b = asObject(body);
  if (!b) return body;
  const data = asObject(b.data);
  if (!data || !Array.isArray(data.rows)) return b;
  // The answer's own fields in their order, `data` last (a loop: cheaper than a rest spread here).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(b)) if (key !== 'data') out[key] = b[key];
  out.data = { columns: data.columns, rows: `${data.rows.length} row(s)` };
  return out;
}

function gatewayParams(reqBody: unknown, trace: unknown, body: Record<string, unknown> | undefined, token?: PeekedToken): JournalParams {
  const resolved = asObject(trace) as ResolvedLocals | undefined;
  const sent = asObject(reqBody)?.params;
  return {
    signed: redact(token?.payload?.params),
    unsigned: redact(sent),
    effective: redact(resolved?.params ?? body?.params),
    forbidden: resolved?.forbidden,
    rule: resolved?.rule ?? (typeof body?.precedence === 'string' ? body.precedence : undefined),
    trace: redact(resolved?.trace, { maxItems: 200 }),
  };
}

function whyOf(entry: Omit<JournalEntry, 'id' | 'why'>, body: Record<string, unknown> | undefined, aborted: boolean): string {
  const fault = entry.fault ? ` (fault ${entry.fault.id}: ${entry.fault.description})` : '';
  if (aborted) return `The client went away before the answer was sent${fault}.`;
  if (entry.rejection) {
    const r = entry.rejection;
    return `${entry.verdict === 'failed' ? 'Failed' : 'Rejected'} with ${entry.status} ${r.reason}: ${r.message} Hint: ${r.hint}${fault}`;
  }
  if (entry.verdict === 'failed') return `Failed with ${entry.status}: ${String(body?.message ?? 'the emulator broke; see its log')}${fault}.`;
  if (entry.status >= 400) return `Rejected with ${entry.status}${fault}.`;
  if (entry.kind === 'gateway') {
    const subject = entry.embedId ? `embed ${entry.embedId}` : 'the embed';
    const target = entry.entryId ? `, entry ${entry.entryId}` : '';
    const params = entry.params?.effective === undefined ? '' : `; effective params ${JSON.stringify(entry.params.effective)}`;
    const rule = entry.params?.rule ? ` by ${entry.params.rule}` : '';
    return `Accepted: the token verified for ${subject}${target}${params}${rule}${fault}.`;
  }
  return `Accepted: ${entry.route} answered ${entry.status}${fault}.`;
}

/** `why`, plus the warnings of an accepted request (e.g. an iat ahead of the clock). */
function whyWithWarnings(entry: Omit<JournalEntry, 'id' | 'why'>, body: Record<string, unknown> | undefined, aborted: boolean): string {
  const why = whyOf(entry, body, aborted);
  return entry.warnings?.length && !entry.rejection ? `${why} Warning: ${entry.warnings.join(' ')}` : why;
}

/** The entry with what is known now, and the work that completes it when it is first read. */
function buildEntry(seen: Observed, req: Request, res: Response, clockToleranceSec: number): { entry: Omit<JournalEntry, 'id'>; fill: () => void } {
  const aborted = !res.writableFinished;
  const status = res.statusCode;
  const rejection = rejectionOf(res);
  const body = asObject(seen.body);
  const { fault } = res.locals;
  // Only these few fields of the answer are kept for later: holding whole answers (their rows) in
  // 500 entries made every request's garbage survive into the old generation.
  const answer = body && { params: body.params, precedence: body.precedence, message: body.message };
  // `id` first so that it leads the JSON; the journal sets it when recording. `time` is filled on read.
  const entry: Omit<JournalEntry, 'why'> = {
    id: 0,
    time: '',
    clock: seen.clock,
    durationMs: Math.round(performance.now() - seen.started),
    kind: seen.facts.kind,
    method: seen.method,
    route: seen.route,
    status,
    verdict: verdictOf(status, rejection),
  };
  const requestId = res.getHeader('x-request-id');
  if (typeof requestId === 'string') entry.requestId = requestId;
  if (rejection) entry.rejection = rejection;
  if (fault) entry.fault = fault;
  const full = entry as JournalEntry;
  if (seen.facts.kind === 'gateway') {
    // The hot path: only references now (the gateway's decode, its param trace, the body the page
    // sent, a row count instead of the rows); the entry is built when it is first read.
    const decoded = res.locals.embedToken;
    const t: PeekedToken | undefined = decoded
      ? { embedId: typeof decoded.payload.embedId === 'string' ? decoded.payload.embedId : undefined, header: decoded.header, payload: decoded.payload }
      : peekToken(req.headers);
    if (t?.embedId) entry.embedId = t.embedId;
    if (typeof body?.entryId === 'string') entry.entryId = body.entryId;
    const resolved = res.locals.trace;
    const judged = res.locals.firstSeen;
    if (judged) full.firstSeen = judged;
    const sent = req.body;
    const response = withoutRows(seen.body);
    const fill = () => {
      full.time = new Date(seen.time).toISOString();
      // A token judged by first sight is measured from that sight, not from its real-clock iat.
      const future = t?.payload && !judged ? futureIatProblem(t.payload, { now: seen.clock, clockToleranceSec }) : undefined;
      const warnings = [
        ...(future ? [`${future.message} DataLens accepts a future iat; --strict-iat refuses it.`] : []),
        ...paramValueWarnings('signed', t?.payload?.params),
        ...paramValueWarnings('unsigned', asObject(sent)?.params),
      ];
      if (warnings.length) full.warnings = warnings;
      if (t) full.token = t.malformed !== undefined ? { malformed: t.malformed } : { header: t.header, payload: redact(t.payload), signature: '[signature redacted]' };
      full.params = gatewayParams(sent, resolved, answer, t);
      full.response = redact(response);
      full.why = whyWithWarnings(full, answer, aborted);
      if (judged && full.rejection?.reason !== 'TOKEN_EXPIRED') full.why += ` ${describeFirstSeen(judged)}`;
    };
    return { entry: full, fill };
  }
  const reqBody = asObject(req.body);
  if (seen.facts.rpcMethod) entry.rpcMethod = seen.facts.rpcMethod;
  const embedId = reqBody?.embedId ?? body?.embedId;
  const entryId = reqBody?.entryId ?? body?.entryId;
  if (typeof embedId === 'string') entry.embedId = embedId;
  if (typeof entryId === 'string') entry.entryId = entryId;
  // Control-plane bodies can be large (a table of rows): redacted and cut now, so that the
  // journal never holds more than its bounded copies. Only the gateway is a hot path.
  entry.request = redact(req.body);
  entry.response = redact(seen.body);
  const fill = () => {
    full.time = new Date(seen.time).toISOString();
    full.why = whyWithWarnings(full, answer, aborted);
  };
  return { entry: full, fill };
}
