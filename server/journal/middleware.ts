import type { Express, NextFunction, Request, Response } from 'express';
import type { Clock } from '../core/clock.js';
import type { RuntimeSettings } from '../core/config.js';
import type { RequestJournal } from './journal.js';
import { EMBED_TOKEN_HEADER } from '../tokens/constants.js';
import { peekToken, requestClassifier, type PeekedToken, type RequestFacts } from './facts.js';
import { futureIatProblem } from '../tokens/claims.js';
import { paramValueWarnings } from '../tokens/param-values.js';
import { describeFirstSeen } from '../gateway/first-seen.js';
import { bound, entryBudget, redact, redactBounded, redactCut, type Budget } from './redact.js';
import type { DecodedEmbedToken } from '../tokens/decode.js';
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
}

/** Where the answer's body is left for the journal (see {@link noteAnswer}). */
const ANSWER = Symbol('journal: the answer');

/** Leaves the body a route answers with for the journal; `res.json` of an app with a journal does it. */
export function noteAnswer(res: Response, body: unknown): void {
  (res.locals as Record<symbol, unknown>)[ANSWER] = body;
}

/**
 * Makes every `res.json` of `app` leave its body on `res.locals`: once for the app, rather than a
 * wrapper put on each response (a new property on every response object costs V8 a map change).
 */
function recordAnswers(app: Express): void {
  const { json } = app.response;
  app.response.json = function (this: Response, body: unknown) {
    noteAnswer(this, body);
    return json.call(this, body);
  };
}

/** What the journal middleware reads of its emulator. */
export interface JournalState {
  options: { apiPrefix: string };
  clock: Clock;
  settings: Pick<RuntimeSettings, 'clockToleranceSec'>;
  journal: RequestJournal;
  log(msg: string): void;
}

/**
 * Records every gateway, rpc and partner request once its answer is sent. Mounted before the
 * routers; it reads what they leave behind: the body they answer with (`res.json` of `app`),
 * `res.locals.rejection` (the catalogued error, set by routes/errors.ts), `res.locals.trace` (the
 * param engine's result, set by the gateway) and `res.locals.fault` (server/faults).
 */
export function journalMiddleware(ctx: JournalState, app: Express) {
  recordAnswers(app);
  const classify = requestClassifier(ctx.options.apiPrefix);
  return (req: Request, res: Response, next: NextFunction): void => {
    // The route is captured now: routers rewrite req.url while the request travels through them.
    const known = classify(req.method, req.path);
    if (!known) return next();
    const seen: Observed = {
      facts: known.facts,
      method: req.method,
      route: known.route,
      started: performance.now(),
      time: Date.now(),
      clock: ctx.clock.now(),
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

/** What a small gateway request leaves for its entry to be finished when first read: references only. */
interface GatewayDraft {
  entry: JournalEntry;
  time: number;
  clock: number;
  aborted: boolean;
  /** The decoded token (shared by every request that sends it), or what a peek found. */
  token: PeekedToken | undefined;
  /** The token as sent, when it was not decoded (the decoded one keeps its own text). */
  tokenText: unknown;
  decoded: DecodedEmbedToken | undefined;
  sent: unknown;
  trace: unknown;
  answered: unknown;
  clockToleranceSec: number;
}

/** The token of a gateway request: the pipeline's decode when it got that far, else a peek at the header. */
function tokenOf(decoded: DecodedEmbedToken | undefined, req: Request): PeekedToken | undefined {
  if (!decoded) return peekToken(req.headers);
  return { embedId: typeof decoded.payload.embedId === 'string' ? decoded.payload.embedId : undefined, header: decoded.header, payload: decoded.payload };
}

/** The bounded copies of a gateway request's facts, cut from one budget in a fixed order. */
function cutGateway(t: PeekedToken | undefined, sent: unknown, trace: unknown, answered: unknown, small: boolean, budget: Budget) {
  const body = asObject(answered);
  const message = bound(body?.message, { maxString: 500 }, budget);
  const answer = body && { params: body.params, precedence: body.precedence };
  return {
    message,
    facts: gatewayFacts(sent, trace, answer, t, budget),
    payload: t?.payload ? (small ? t.payload : bound(t.payload, {}, budget)) : undefined,
    header: t?.header ? (small ? t.header : bound(t.header, {}, budget)) : undefined,
    response: bound(withoutRows(answered), {}, budget),
    // Values that are not strings pass on, as in production; the entry says so (a bounded list).
    valueWarnings: [...paramValueWarnings('signed', t?.payload?.params), ...paramValueWarnings('unsigned', asObject(sent)?.params)],
  };
}

type GatewayCut = ReturnType<typeof cutGateway>;

/** Completes a gateway entry: redaction and the sentences, from the copies cut for it. */
function fillGateway(d: Omit<GatewayDraft, 'sent' | 'trace' | 'answered'>, c: GatewayCut): void {
  const full = d.entry;
  const t = d.token;
  const judged = full.firstSeen;
  full.time = new Date(d.time).toISOString();
  // A token judged by first sight is measured from that sight, not from its real-clock iat.
  const iatProblem = t?.payload && !judged ? futureIatProblem(t.payload, { now: d.clock, clockToleranceSec: d.clockToleranceSec }) : undefined;
  const warnings = [...(iatProblem ? [`${iatProblem.message} DataLens accepts a future iat; --strict-iat refuses it.`] : []), ...c.valueWarnings];
  if (warnings.length) full.warnings = warnings;
  if (t !== undefined) {
    const malformed = t.malformed;
    const unsigned = malformed === undefined ? unsignedToken(d.decoded ? d.decoded.token : d.tokenText) : undefined;
    full.token = malformed !== undefined ? { malformed } : { header: redactBounded(c.header), payload: redactBounded(c.payload), signature: '[signature redacted]', ...(unsigned ? { unsigned } : {}) };
  }
  full.params = gatewayParams(c.facts);
  full.response = redactBounded(c.response);
  full.why = whyWithWarnings(full, { message: redactBounded(c.message) }, d.aborted);
  if (judged && full.rejection?.reason !== 'TOKEN_EXPIRED') full.why += ` ${describeFirstSeen(judged)}`;
}

/** The entry with what is known now, and the work that completes it when it is first read. */
function buildEntry(seen: Observed, req: Request, res: Response, clockToleranceSec: number): { entry: Omit<JournalEntry, 'id'>; fill: () => void } {
  const aborted = !res.writableFinished;
  const status = res.statusCode;
  const rejection = rejectionOf(res);
  const answered = (res.locals as Record<symbol, unknown>)[ANSWER];
  const { fault } = res.locals;
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
  if (seen.facts.kind === 'gateway') return gatewayEntry(full, seen, req, res, answered, aborted, clockToleranceSec);
  const body = asObject(answered);
  const budget = entryBudget();
  const message = bound(body?.message, { maxString: 500 }, budget);
  const reqBody = asObject(req.body);
  if (seen.facts.rpcMethod) entry.rpcMethod = seen.facts.rpcMethod;
  const embedId = reqBody?.embedId ?? body?.embedId;
  const entryId = reqBody?.entryId ?? body?.entryId;
  if (typeof embedId === 'string') entry.embedId = redactCut(embedId, 100);
  if (typeof entryId === 'string') entry.entryId = redactCut(entryId, 100);
  // Control-plane bodies can be large (a table of rows): redacted and cut now, so that the
  // journal never holds more than its bounded copies. Only the gateway is a hot path.
  entry.request = redact(req.body, {}, budget);
  entry.response = redact(answered, {}, budget);
  const fill = () => {
    full.time = new Date(seen.time).toISOString();
    full.why = whyWithWarnings(full, { message: redactBounded(message) }, aborted);
  };
  return { entry: full, fill };
}

/**
 * A gateway entry, the hot path. What an embed page sends and gets back is small: the entry keeps
 * references (no copy, no search) and is cut, redacted and explained when first read, so a chart run
 * pays nothing more here; only references are kept, and none to the request or its header strings.
 * Anything larger (or of unknown size) is cut now: the journal never holds more of a request than
 * its budget, nor a body the client sent.
 */
function gatewayEntry(full: JournalEntry, seen: Observed, req: Request, res: Response, answered: unknown, aborted: boolean, clockToleranceSec: number) {
  const decoded = res.locals.embedToken as DecodedEmbedToken | undefined;
  const t = tokenOf(decoded, req);
  if (t?.embedId) full.embedId = t.embedId;
  const entryId = asObject(answered)?.entryId;
  if (typeof entryId === 'string') full.entryId = entryId;
  const judged = res.locals.firstSeen;
  if (judged) full.firstSeen = judged;
  const tokenText = req.headers[EMBED_TOKEN_HEADER];
  const small =
    (tokenText?.length ?? 0) <= SMALL_TOKEN &&
    req.headers['transfer-encoding'] === undefined &&
    Number(req.headers['content-length'] ?? 0) <= SMALL_BODY &&
    Number(res.getHeader('content-length') ?? Infinity) <= SMALL_ANSWER;
  const draft: GatewayDraft = {
    entry: full,
    time: seen.time,
    clock: seen.clock,
    aborted,
    token: t,
    // The header's own string only when there is no decoded token to read it from.
    tokenText: decoded || t?.malformed !== undefined ? undefined : tokenText,
    decoded,
    sent: small ? req.body : undefined,
    trace: small ? res.locals.trace : undefined,
    answered: small ? answered : undefined,
    clockToleranceSec,
  };
  if (small) return { entry: full, fill: () => fillGateway(draft, cutGateway(draft.token, draft.sent, draft.trace, draft.answered, true, entryBudget())) };
  const now = cutGateway(t, req.body, res.locals.trace, answered, false, entryBudget());
  return { entry: full, fill: () => fillGateway(draft, now) };
}
