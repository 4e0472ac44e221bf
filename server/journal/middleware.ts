import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../core/clock.js';
import type { RuntimeSettings } from '../core/config.js';
import type { RequestJournal } from './journal.js';
import { EMBED_TOKEN_HEADER } from '../tokens/constants.js';
import { classifyRequest, peekToken, type PeekedToken, type RequestFacts } from './facts.js';
import { futureIatProblem } from '../tokens/claims.js';
import { paramValueWarnings } from '../tokens/param-values.js';
import { describeFirstSeen } from '../gateway/first-seen.js';
import { bound, entryBudget, redact, redactBounded, redactCut, type Budget } from './redact.js';
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
/** What the journal middleware reads of its emulator. */
export interface JournalState {
  options: { apiPrefix: string };
  clock: Clock;
  settings: Pick<RuntimeSettings, 'clockToleranceSec'>;
  journal: RequestJournal;
  log(msg: string): void;
}

export function journalMiddleware(ctx: JournalState) {
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
        // The answer (its rows) is not the journal's to keep: only the bounded copies in `entry`.
        seen.body = undefined;
        ctx.journal.record(entry, fill);
      } catch (e) {
        ctx.log(`datalens-mock: could not journal ${seen.route}: ${(e as Error).message}`);
      }
    });
    next();
  };
}

/** A catalogued message can quote what the client sent: cut and redacted before it is kept. */
const said = (text: string): string => redactCut(text, 2000);

/** The longest token the journal keeps without its signature (the request header itself is capped near this). */
const MAX_UNSIGNED_TOKEN = 16 * 1024;

/** `header.payload.` of a compact JWS as sent (the signature dropped), when it is one and not too long. */
function unsignedToken(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_UNSIGNED_TOKEN) return undefined;
  const last = raw.lastIndexOf('.');
  const first = raw.indexOf('.');
  if (first <= 0 || last === first || raw.indexOf('.', first + 1) !== last) return undefined;
  return raw.slice(0, last + 1);
}

function rejectionOf(res: Response): JournalRejection | undefined {
  const err = res.locals.rejection;
  if (err) return { reason: err.reason, message: said(err.message), hint: said(err.hint), ...(err.field ? { field: said(err.field) } : {}) };
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

/** The param facts of a gateway request, cut at record time (one shared budget); redacted when read. */
interface GatewayFacts {
  signed: unknown;
  unsigned: unknown;
  effective: unknown;
  forbidden?: unknown;
  rule?: string;
  trace: unknown;
}

function gatewayFacts(reqBody: unknown, trace: unknown, answer: Record<string, unknown> | undefined, token: PeekedToken | undefined, budget: Budget): GatewayFacts {
  const resolved = asObject(trace) as ResolvedLocals | undefined;
  return {
    signed: bound(token?.payload?.params, {}, budget),
    unsigned: bound(asObject(reqBody)?.params, {}, budget),
    effective: bound(resolved?.params ?? answer?.params, {}, budget),
    forbidden: resolved?.forbidden ? bound(resolved.forbidden, { maxItems: 200 }, budget) : resolved?.forbidden,
    rule: resolved?.rule ?? (typeof answer?.precedence === 'string' ? answer.precedence : undefined),
    trace: bound(resolved?.trace, { maxItems: 200 }, budget),
  };
}

function gatewayParams(f: GatewayFacts): JournalParams {
  return {
    signed: redactBounded(f.signed),
    unsigned: redactBounded(f.unsigned),
    effective: redactBounded(f.effective),
    forbidden: redactBounded(f.forbidden) as string[] | null | undefined,
    rule: f.rule,
    trace: redactBounded(f.trace),
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

/** A gateway request this small (token, body, answer) is kept by reference and cut when first read. */
const SMALL_TOKEN = 8 * 1024;
const SMALL_BODY = 8 * 1024;
const SMALL_ANSWER = 16 * 1024;

/** The entry with what is known now, and the work that completes it when it is first read. */
function buildEntry(seen: Observed, req: Request, res: Response, clockToleranceSec: number): { entry: Omit<JournalEntry, 'id'>; fill: () => void } {
  const aborted = !res.writableFinished;
  const status = res.statusCode;
  const rejection = rejectionOf(res);
  const body = asObject(seen.body);
  const { fault } = res.locals;
  // Only these few fields of the answer are kept for later: holding whole answers (their rows) in
  // 500 entries made every request's garbage survive into the old generation.
  const budget = entryBudget();
  const answer = body && { params: body.params, precedence: body.precedence };
  const message = bound(body?.message, { maxString: 500 }, budget);
  const whyAnswer = () => ({ message: redactBounded(message) });
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
    // The hot path: bounded copies now (no search), redaction and the sentences when first read.
    const decoded = res.locals.embedToken;
    const t: PeekedToken | undefined = decoded
      ? { embedId: typeof decoded.payload.embedId === 'string' ? decoded.payload.embedId : undefined, header: decoded.header, payload: decoded.payload }
      : peekToken(req.headers);
    if (t?.embedId) entry.embedId = t.embedId;
    if (typeof body?.entryId === 'string') entry.entryId = body.entryId;
    const judged = res.locals.firstSeen;
    if (judged) full.firstSeen = judged;
    // What an embed page sends and gets back is small: kept by reference and cut when the entry is
    // first read, so a chart run pays nothing more here. Anything larger (or of unknown size) is cut
    // now: the journal never holds more of a request than its budget, nor a body the client sent.
    const tokenText = req.headers[EMBED_TOKEN_HEADER];
    const small =
      (tokenText?.length ?? 0) <= SMALL_TOKEN &&
      req.headers['transfer-encoding'] === undefined &&
      Number(req.headers['content-length'] ?? 0) <= SMALL_BODY &&
      Number(res.getHeader('content-length') ?? Infinity) <= SMALL_ANSWER;
    const cut = (sent: unknown, trace: unknown, answered: unknown) => ({
      facts: gatewayFacts(sent, trace, answer, t, budget),
      payload: t?.payload ? (small ? t.payload : bound(t.payload, {}, budget)) : undefined,
      header: t?.header ? (small ? t.header : bound(t.header, {}, budget)) : undefined,
      response: bound(withoutRows(answered), {}, budget),
      // Values that are not strings pass on, as in production; the entry says so (a bounded list).
      valueWarnings: [...paramValueWarnings('signed', t?.payload?.params), ...paramValueWarnings('unsigned', asObject(sent)?.params)],
    });
    // Only a small request's own objects stay referenced (by `kept`); a large one's are cut here and dropped.
    const kept = small ? { sent: req.body as unknown, trace: res.locals.trace as unknown, answered: seen.body } : undefined;
    const now = kept ? undefined : cut(req.body, res.locals.trace, seen.body);
    // A token judged by first sight is measured from that sight, not from its real-clock iat.
    const iatProblem = t?.payload && !judged ? futureIatProblem(t.payload, { now: seen.clock, clockToleranceSec }) : undefined;
    const malformed = t?.malformed;
    const unsigned = malformed === undefined ? unsignedToken(req.headers[EMBED_TOKEN_HEADER]) : undefined;
    const hasToken = t !== undefined;
    const fill = () => {
      const { facts, payload, header, response, valueWarnings } = now ?? cut(kept?.sent, kept?.trace, kept?.answered);
      full.time = new Date(seen.time).toISOString();
      const warnings = [...(iatProblem ? [`${iatProblem.message} DataLens accepts a future iat; --strict-iat refuses it.`] : []), ...valueWarnings];
      if (warnings.length) full.warnings = warnings;
      if (hasToken) full.token = malformed !== undefined ? { malformed } : { header: redactBounded(header), payload: redactBounded(payload), signature: '[signature redacted]', ...(unsigned ? { unsigned } : {}) };
      full.params = gatewayParams(facts);
      full.response = redactBounded(response);
      full.why = whyWithWarnings(full, whyAnswer(), aborted);
      if (judged && full.rejection?.reason !== 'TOKEN_EXPIRED') full.why += ` ${describeFirstSeen(judged)}`;
    };
    return { entry: full, fill };
  }
  const reqBody = asObject(req.body);
  if (seen.facts.rpcMethod) entry.rpcMethod = seen.facts.rpcMethod;
  const embedId = reqBody?.embedId ?? body?.embedId;
  const entryId = reqBody?.entryId ?? body?.entryId;
  if (typeof embedId === 'string') entry.embedId = redactCut(embedId, 100);
  if (typeof entryId === 'string') entry.entryId = redactCut(entryId, 100);
  // Control-plane bodies can be large (a table of rows): redacted and cut now, so that the
  // journal never holds more than its bounded copies. Only the gateway is a hot path.
  entry.request = redact(req.body, {}, budget);
  entry.response = redact(seen.body, {}, budget);
  const fill = () => {
    full.time = new Date(seen.time).toISOString();
    full.why = whyWithWarnings(full, whyAnswer(), aborted);
  };
  return { entry: full, fill };
}
