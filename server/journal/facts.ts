import { PRODUCTION_GATEWAY_PREFIXES } from '../core/production.js';
import { EMBED_TOKEN_HEADER } from '../tokens/constants.js';
import { peekJwt } from '../tokens/jws.js';
import { redactCut } from './redact.js';
import type { JournalKind } from './types.js';

/** What a request is, read from its path alone (before any router runs). */
export interface RequestFacts {
  kind: JournalKind;
  /** Gateway routes: the path under the API prefix without the slash (`run`, `embedded-entry`, `export`). */
  gatewayRoute?: string;
  rpcMethod?: string;
}

/** A path segment as text; a malformed escape (`%E0%A4%A`) stays as sent rather than throwing. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The gateway route below `prefix` (`run`, `export`), or undefined when `path` is not below it. */
function gatewayRouteOf(path: string, prefix: string): string | undefined {
  if (!path.startsWith(prefix) || path.charCodeAt(prefix.length) !== 0x2f /* / */) return undefined;
  const route = path.slice(prefix.length + 1);
  return route.endsWith('/') ? route.slice(0, -1) : route;
}

/**
 * Gateway, rpc and partner requests are journaled and may get faults; pages and other controls are not.
 * The gateway is `apiPrefix` and the paths production pages call (`/charts/embeds/api`, `/embeds/api`).
 */
export function classifyRequest(path: string, apiPrefix: string): RequestFacts | undefined {
  const prefix = apiPrefix.endsWith('/') ? apiPrefix.slice(0, -1) : apiPrefix;
  for (const p of [prefix, ...PRODUCTION_GATEWAY_PREFIXES]) {
    const gatewayRoute = gatewayRouteOf(path, p);
    if (gatewayRoute !== undefined) return { kind: 'gateway', gatewayRoute };
  }
  if (path.startsWith('/rpc/')) return { kind: 'rpc', rpcMethod: safeDecode(path.slice('/rpc/'.length).split('/')[0]) };
  if (path.startsWith('/_mock/partner/') || path === '/_mock/partner') return { kind: 'partner' };
  return undefined;
}

/** What the journal knows of a request from its method and path alone. */
export interface ClassifiedRequest {
  facts: RequestFacts;
  /** `METHOD /path`, the entry's route. */
  route: string;
}

/** Paths longer than this are classified each time, not remembered. */
const MAX_REMEMBERED_PATH = 256;
/** How many method and path pairs are remembered; the memory starts over when full. */
const MAX_REMEMBERED = 512;

/**
 * {@link classifyRequest} for one emulator, with its answers remembered: a page calls the same few
 * paths over and over, so each chart run reuses one frozen answer (and its route string) instead of
 * building them again. Bounded, whatever paths clients send.
 */
export function requestClassifier(apiPrefix: string): (method: string, path: string) => ClassifiedRequest | undefined {
  let known = new Map<string, Map<string, ClassifiedRequest | null>>();
  let count = 0;
  return (method, path) => {
    if (path.length > MAX_REMEMBERED_PATH) return classified(method, path, apiPrefix);
    let paths = known.get(method);
    const hit = paths?.get(path);
    if (hit !== undefined) return hit ?? undefined;
    const fresh = classified(method, path, apiPrefix);
    if (count >= MAX_REMEMBERED) {
      known = new Map();
      paths = undefined;
      count = 0;
    }
    if (!paths) known.set(method, (paths = new Map()));
    paths.set(path, fresh ?? null);
    count++;
    return fresh;
  };
}

function classified(method: string, path: string, apiPrefix: string): ClassifiedRequest | undefined {
  const facts = classifyRequest(path, apiPrefix);
  return facts && Object.freeze({ facts: Object.freeze(facts), route: `${method} ${path}` });
}

export interface PeekedToken {
  embedId?: string;
  header?: unknown;
  payload?: Record<string, unknown>;
  /** Set when the header holds something that is not a decodable JWT (redacted, cut to 200 chars). */
  malformed?: string;
}

/**
 * The embed token of a request, decoded WITHOUT verification: only to label journal entries and
 * match faults. Returns undefined when the request carries no token.
 */
export function peekToken(headers: Record<string, string | string[] | undefined>): PeekedToken | undefined {
  const raw = headers[EMBED_TOKEN_HEADER];
  if (typeof raw !== 'string' || raw === '') return undefined;
  const read = peekJwt(raw);
  if (!read) return { malformed: redactCut(raw, 200) };
  const embedId = typeof read.payload.embedId === 'string' ? read.payload.embedId : undefined;
  return { embedId, header: read.header, payload: read.payload };
}
