import { randomUUID } from 'node:crypto';
import type { ClickHouseTarget } from './target.js';

/**
 * One request to ClickHouse's HTTP interface, written the way DataLens writes it (docs/fidelity.md,
 * "What DataLens sends to a partner's ClickHouse"): the SQL text as the POST body with no FORMAT
 * clause, `default_format=JSONCompact` and the settings as URL parameters, Basic authentication,
 * `User-Agent: DataLens` and an `X-Request-Id` per query. The emulator writes the request itself
 * (a general client adds its own User-Agent and a FORMAT clause, which DataLens does not send).
 */

/** The User-Agent DataLens sends. */
export const USER_AGENT = 'DataLens';

/** The most bytes of one answer the emulator reads; past it the query is stopped (memory stays bounded). */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface HttpQuery {
  sql: string;
  /** The HTTP `database` (unqualified names resolve in it). */
  database?: string;
  /** `default_format` (an HTTP-interface parameter, not a server setting). Absent for statements without output. */
  format?: 'JSONCompact';
  /** Server settings, each a URL parameter. */
  settings?: Record<string, string | number>;
  /** Native query parameters: `{name:Type}` in the text, `param_name` in the URL. */
  queryParams?: Record<string, unknown>;
  sessionId?: string;
}

export interface HttpAnswer {
  status: number;
  /** `X-ClickHouse-Exception-Code` when the server sent one. */
  exceptionCode?: number;
  body: string;
  /** The X-Request-Id the request carried. */
  requestId: string;
}

/** The answer was longer than MAX_ANSWER_BYTES. */
export class AnswerTooLarge extends Error {}

/** The request did not finish within the target's timeout. */
export class RequestTimeout extends Error {}

/**
 * A query parameter's value in the text form the server reads for `param_*` (escaped, strings in
 * arrays quoted): `\N` is NULL, backslash, quote, tab and line ends are escaped.
 */
export function formatParamValue(value: unknown, inArray = false): string {
  if (value === null || value === undefined) return inArray ? 'NULL' : '\\N';
  if (Array.isArray(value)) return `[${value.map((v) => formatParamValue(v, true)).join(',')}]`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return inArray ? (value ? 'true' : 'false') : value ? '1' : '0';
  const text = String(value).replace(/[\\'\t\n\r]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
  return inArray ? `'${text}'` : text;
}

/** The URL of one request: the target's, with `database`, `default_format`, the settings, the params and the session. */
export function requestUrl(target: Pick<ClickHouseTarget, 'url'>, q: HttpQuery): URL {
  const url = new URL(target.url);
  const search = url.searchParams;
  if (q.database !== undefined) search.set('database', q.database);
  if (q.format) search.set('default_format', q.format);
  for (const [k, v] of Object.entries(q.settings ?? {})) search.set(k, String(v));
  for (const [k, v] of Object.entries(q.queryParams ?? {})) search.set(`param_${k}`, formatParamValue(v));
  if (q.sessionId) search.set('session_id', q.sessionId);
  return url;
}

/** The headers of one request (the password only in Authorization). */
export function requestHeaders(target: Pick<ClickHouseTarget, 'username' | 'password'>, requestId: string): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`, 'utf8').toString('base64')}`,
    'user-agent': USER_AGENT,
    'x-request-id': requestId,
    'content-type': 'text/plain; charset=utf-8',
  };
}

/** Reads at most MAX_ANSWER_BYTES of a response body; throws AnswerTooLarge past it. */
async function readBounded(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(`the answer is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends one query and reads the whole answer (whatever its status). Network failures throw as
 * fetch throws them (the cause carries the system code); a timeout throws RequestTimeout.
 */
export async function sendQuery(target: ClickHouseTarget, q: HttpQuery, limit = MAX_ANSWER_BYTES): Promise<HttpAnswer> {
  const requestId = `dl-mock.${randomUUID()}`;
  const signal = AbortSignal.timeout(target.timeoutMs);
  try {
    const res = await fetch(requestUrl(target, q), { method: 'POST', body: q.sql, headers: requestHeaders(target, requestId), signal, redirect: 'error' });
    const body = await readBounded(res, limit);
    const code = Number(res.headers.get('x-clickhouse-exception-code'));
    return { status: res.status, body, requestId, ...(Number.isInteger(code) && code > 0 && { exceptionCode: code }) };
  } catch (e) {
    if (signal.aborted) throw new RequestTimeout(`no answer within ${target.timeoutMs} ms`);
    throw e;
  }
}
