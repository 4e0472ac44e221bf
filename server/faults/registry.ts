import * as z from 'zod';
import { REASONS, type ReasonCode } from '../errors/catalogue.js';
import type { RequestFacts } from '../journal/facts.js';

/** Friendly names for the failures tests most often need; any catalogued reason code works too. */
export const REJECT_ALIASES: Record<string, ReasonCode> = {
  outdated: 'ENTRY_NOT_IN_DEPS',
  expired: 'TOKEN_EXPIRED',
  'bad-signature': 'TOKEN_SIGNATURE_INVALID',
  'embed-not-found': 'EMBED_NOT_EXISTS',
  'export-not-allowed': 'EXPORT_NOT_ALLOWED',
  /** The dash's "Embedded dashboard limit exceeded" view, without counting queries. */
  'embed-usage-limit': 'EMBED_USAGE_LIMIT_EXCEEDED',
};

export const FAULT_ROUTES = ['gateway', 'run', 'embedded-entry', 'export', 'rpc', 'partner', 'any'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];
export const MAX_LATENCY_MS = 120_000;

const rejectCode = z.string().refine((v) => Object.hasOwn(REJECT_ALIASES, v) || Object.hasOwn(REASONS, v), {
  message: `must be a catalogued reason code (e.g. ENTRY_NOT_IN_DEPS) or one of: ${Object.keys(REJECT_ALIASES).join(', ')}`,
});

/** Body of `POST /_mock/faults`. */
export const faultSpec = z
  .object({
    /** Which requests: `gateway` (default: run, embedded-entry, export), one gateway route, `rpc`, `partner` or `any`. */
    route: z.enum(FAULT_ROUTES).default('gateway'),
    /** Only requests whose embed token names this embed (read from the token, unverified). */
    embedId: z.string().min(1).optional(),
    /** Only this /rpc method (with route `rpc` or `any`). */
    rpcMethod: z.string().min(1).optional(),
    /** Only the next N matching requests; omitted: every matching request until cleared. */
    times: z.number().int().positive().optional(),
    /** Delay before answering (ms). Alone, the request then proceeds normally. */
    latencyMs: z.number().int().nonnegative().max(MAX_LATENCY_MS).optional(),
    /** Answer as this catalogued rejection would, with DataLens's status and body. */
    reject: rejectCode.optional(),
    /** Answer this HTTP status instead (e.g. 500), with `body` or a default error body. */
    status: z.number().int().min(400).max(599).optional(),
    body: z.unknown().optional(),
  })
  .strict()
  .refine((f) => f.latencyMs !== undefined || f.reject !== undefined || f.status !== undefined, {
    message: 'a fault needs at least one of latencyMs, reject, status',
  })
  .refine((f) => !(f.reject !== undefined && f.status !== undefined), { message: 'give either reject or status, not both' })
  .refine((f) => f.body === undefined || f.status !== undefined, { message: 'body goes with status', path: ['body'] });

export type FaultSpec = z.input<typeof faultSpec>;

export interface Fault {
  id: string;
  route: FaultRoute;
  embedId?: string;
  rpcMethod?: string;
  latencyMs?: number;
  /** The catalogued reason (aliases resolved). */
  reject?: ReasonCode;
  status?: number;
  body?: unknown;
  /** How many more requests it applies to; null = until cleared. */
  remaining: number | null;
  /** How many requests it has shaped so far. */
  hits: number;
  createdAt: string;
  description: string;
}

/** What a request is, for matching: its kind and route, and the embed its token names. */
export interface FaultTarget extends RequestFacts {
  embedId?: string;
}

function routeMatches(route: FaultRoute, t: FaultTarget): boolean {
  if (route === 'any') return true;
  if (route === 'gateway' || route === 'rpc' || route === 'partner') return t.kind === route;
  return t.kind === 'gateway' && t.gatewayRoute === route;
}

function describe(f: Omit<Fault, 'description' | 'id' | 'hits' | 'createdAt'>): string {
  const which = [
    f.remaining === null ? 'every' : `the next ${f.remaining}`,
    f.route === 'any' ? 'request' : `${f.route} request${f.remaining !== null && f.remaining > 1 ? 's' : ''}`,
    f.embedId ? `for embed ${f.embedId}` : '',
    f.rpcMethod ? `to ${f.rpcMethod}` : '',
  ];
  const what = [
    f.latencyMs !== undefined ? `wait ${f.latencyMs} ms` : '',
    f.reject ? `reject with ${f.reject} (${REASONS[f.reject].status})` : '',
    f.status !== undefined ? `answer ${f.status}` : '',
  ];
  return `${which.filter(Boolean).join(' ')}: ${what.filter(Boolean).join(', then ')}`;
}

/**
 * The faults of one emulator (or namespace). Faults are tried in the order they were added; the
 * first that matches a request shapes it, and its count goes down.
 */
export class FaultRegistry {
  private faults: Fault[] = [];
  private seq = 0;

  add(input: FaultSpec): Fault {
    const s = faultSpec.parse(input);
    const base = {
      route: s.route,
      ...(s.embedId !== undefined ? { embedId: s.embedId } : {}),
      ...(s.rpcMethod !== undefined ? { rpcMethod: s.rpcMethod } : {}),
      ...(s.latencyMs !== undefined ? { latencyMs: s.latencyMs } : {}),
      ...(s.reject !== undefined ? { reject: (REJECT_ALIASES[s.reject] ?? s.reject) as ReasonCode } : {}),
      ...(s.status !== undefined ? { status: s.status } : {}),
      ...(s.body !== undefined ? { body: s.body } : {}),
      remaining: s.times ?? null,
    };
    const fault: Fault = { id: `f${++this.seq}`, ...base, hits: 0, createdAt: new Date().toISOString(), description: describe(base) };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching the request, counted as used (removed once its count runs out). */
  take(t: FaultTarget): Fault | undefined {
    const fault = this.faults.find(
      (f) => routeMatches(f.route, t) && (f.embedId === undefined || f.embedId === t.embedId) && (f.rpcMethod === undefined || f.rpcMethod === t.rpcMethod),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.remaining !== null && --fault.remaining <= 0) this.remove(fault.id);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }
}
