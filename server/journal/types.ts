/** Which surface a request hit: the gateway the page calls, the control plane, partner connectors. */
export type JournalKind = 'gateway' | 'rpc' | 'partner';

/** accepted: 2xx/3xx; rejected: a 4xx or an injected failure; failed: the emulator broke (5xx). */
export type Verdict = 'accepted' | 'rejected' | 'failed';

export interface JournalRejection {
  /** The catalogued reason (server/errors/catalogue.ts), or `INJECTED_FAULT`. */
  reason: string;
  message: string;
  hint: string;
  field?: string;
}

/** How the effective params came about (gateway requests only). */
export interface JournalParams {
  /** `token.params`. */
  signed?: unknown;
  /** `body.params` as the page sent them (link, selectors, defaults). */
  unsigned?: unknown;
  /** What the chart ran with, after filtering and precedence. */
  effective?: unknown;
  forbidden?: string[] | null;
  rule?: string;
  /** The param engine's step-by-step trace, when the gateway exposes one. */
  trace?: unknown;
}

/** One recorded request. Signatures and private keys are redacted before an entry is stored. */
export interface JournalEntry {
  /** Increasing within one journal (one emulator or one namespace). */
  id: number;
  /** Wall-clock time the request arrived (ISO 8601). */
  time: string;
  /** The emulator clock at that moment (Unix seconds; differs from `time` when pinned). */
  clock: number;
  durationMs: number;
  kind: JournalKind;
  method: string;
  /** `METHOD /path`, path without the query, e.g. `POST /api/run`, `POST /rpc/createEmbed`. */
  route: string;
  /** The answer's `x-request-id` (the Request-id an error view shows). */
  requestId?: string;
  status: number;
  verdict: Verdict;
  /** One sentence: why the request was accepted or rejected. */
  why: string;
  embedId?: string;
  entryId?: string;
  rpcMethod?: string;
  rejection?: JournalRejection;
  /** What was accepted but deserves a look, e.g. a token whose iat is ahead of the emulator clock. */
  warnings?: string[];
  /**
   * Set when the token was judged by first sight: signed on the real clock while the emulator clock is
   * moved, it ages from the emulator time it was first seen (docs/testing.md, "Time travel with your real backend").
   */
  firstSeen?: { firstSeen: number; age: number; lifetime: number; iat: number; exp: number; clock: number };
  /** The injected fault that shaped the answer (server/faults). */
  fault?: { id: string; description: string };
  /**
   * The embed token, decoded without verification; the signature is never kept. `unsigned` is the
   * token as sent without its signature (`header.payload.`): what the journal page hands the doctor.
   */
  token?: { header?: unknown; payload?: unknown; signature: string; unsigned?: string } | { malformed: string };
  params?: JournalParams;
  /** Redacted and size-bounded request body (rpc and partner). */
  request?: unknown;
  /** Redacted and size-bounded response body (gateway answers are summarised). */
  response?: unknown;
}

/** Filters of `GET /_mock/journal` (all optional, combined with AND). */
export interface JournalFilter {
  kind?: JournalKind;
  verdict?: Verdict;
  embedId?: string;
  /** A catalogued rejection reason. */
  reason?: string;
  /** Substring of `route`, e.g. `/api/run` or `createEmbed`. */
  route?: string;
  status?: number;
  /** The `x-request-id` of the answer (as an error view shows it). */
  requestId?: string;
  /** Only entries with an id greater than this. */
  since?: number;
  /** At most this many, the most recent ones (returned oldest first). */
  limit?: number;
}
