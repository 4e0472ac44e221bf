import { MockError } from '../../errors/catalogue.js';
import { dsApiError, type FailureKind } from './ds-api.js';
import { AnswerTooLarge, RequestTimeout, sendQuery, type HttpAnswer, type HttpQuery } from './http.js';
import { redact, type ClickHouseTarget } from './target.js';

/** A ClickHouse answer in the JSONCompact format. */
export interface CompactResult {
  meta: { name: string; type: string }[];
  data: unknown[][];
}


export class ClickHouseFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The server's error code (`Code: N` in its answer), when it answered one. */
    readonly serverCode?: number,
  ) {
    super(message);
  }
}

const AUTH_CODES = new Set([192, 193, 194, 195, 516]);
/** Codes of a query the server could not compile or run as written. */
const SQL_CODES = new Set([6, 10, 16, 27, 36, 41, 42, 43, 44, 46, 47, 48, 53, 60, 62, 69, 70, 72, 179, 184, 215, 352, 386]);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

function classify(e: unknown, target: ClickHouseTarget): ClickHouseFailure {
  const err = e as Error & { code?: string };
  // fetch's own message is "fetch failed"; the system error is its cause.
  const cause = err?.cause as { code?: string; message?: string } | undefined;
  const said = cause?.message && err.message === 'fetch failed' ? cause.message : String(err?.message ?? e);
  const text = redact(said.trim(), target).slice(0, 600);
  const netCode = err?.code ?? cause?.code;
  if (netCode && (NETWORK.has(netCode) || /CERT|SSL|TLS/.test(netCode))) return new ClickHouseFailure('unreachable', `${netCode}: ${text}`);
  if (/timeout/i.test(text) && !/Code: \d+/.test(text)) return new ClickHouseFailure('timeout', `no answer within ${target.timeoutMs} ms`);
  const code = Number(/Code: (\d+)/.exec(text)?.[1] ?? (err?.code && /^\d+$/.test(err.code) ? err.code : NaN));
  if (!Number.isFinite(code)) return new ClickHouseFailure('server', text || 'an empty error answer');
  const kind: FailureKind = AUTH_CODES.has(code)
    ? 'auth'
    : code === 81
      ? 'unknown-database'
      : code === 164
        ? 'readonly'
        : code === 159
          ? 'timeout'
          : code === 396
            ? 'too-many-rows'
            : SQL_CODES.has(code)
              ? 'sql'
              : 'server';
  return new ClickHouseFailure(kind, text, code);
}

/**
 * One partner cluster over its HTTP interface, queried as DataLens queries it (./http.ts): the
 * server version read once, every failure classified, the password kept out of every message.
 */
export class ClickHouseCluster {
  private version?: Promise<string>;

  constructor(readonly target: ClickHouseTarget) {}

  /** Runs one query and reads the whole answer (JSONCompact); throws ClickHouseFailure. */
  async query(
    sql: string,
    o: { database?: string; settings?: Record<string, string | number>; queryParams?: Record<string, unknown> } = {},
  ): Promise<CompactResult> {
    const answer = await this.send({ sql, format: 'JSONCompact', ...o });
    try {
      return JSON.parse(answer.body) as CompactResult;
    } catch {
      // A 200 whose body is cut by an exception the server met while streaming the rows.
      throw classify(new Error(answer.body.trim() || 'an empty answer instead of JSONCompact'), this.target);
    }
  }

  /** Runs a statement that returns nothing (the audit's write probe). */
  async command(sql: string, o: { sessionId?: string } = {}): Promise<void> {
    await this.send({ sql, ...o });
  }

  private async send(q: HttpQuery): Promise<HttpAnswer> {
    let answer: HttpAnswer;
    try {
      answer = await sendQuery(this.target, q);
    } catch (e) {
      if (e instanceof RequestTimeout) throw new ClickHouseFailure('timeout', e.message);
      if (e instanceof AnswerTooLarge) throw new ClickHouseFailure('too-many-rows', e.message);
      throw classify(e, this.target);
    }
    if (answer.status !== 200) {
      const text = answer.body.trim() || `HTTP ${answer.status}`;
      const err = Object.assign(new Error(text), answer.exceptionCode !== undefined && !/Code: \d+/.test(text) ? { code: String(answer.exceptionCode) } : {});
      throw classify(err, this.target);
    }
    return answer;
  }

  /** `SELECT version()`, read once. */
  serverVersion(): Promise<string> {
    this.version ??= this.query('SELECT version()').then(
      (r) => String(r.data[0]?.[0] ?? ''),
      (e) => {
        this.version = undefined;
        throw e;
      },
    );
    return this.version;
  }

  /** Every database of the cluster, as the user sees them. */
  async databases(): Promise<string[]> {
    return (await this.query('SHOW DATABASES')).data.map((r) => String(r[0]));
  }

  /** Nothing is kept open between queries (each is one HTTP request). */
  async close(): Promise<void> {}
}

/** True when a server's `version()` (e.g. `20.6.3.28`) is `major.minor` or later. */
export function serverAtLeast(version: string, major: number, minor: number): boolean {
  const [ma, mi] = version.split('.').map(Number);
  return ma > major || (ma === major && mi >= minor);
}

/** Native query parameters exist from ClickHouse 19.x on; the emulator uses them from 20.1 (tested range in docs/partner.md). */
export const supportsQueryParameters = (version: string): boolean => serverAtLeast(version, 20, 1);

/**
 * A ClickHouseFailure worded for a chart or a connection: the connector and the cause named in the
 * message (for the journal and the control plane), DataLens's code and text for an embed viewer.
 */
export function failureError(f: ClickHouseFailure, where: string, field = 'sql'): MockError {
  const viewer = dsApiError(f.kind, f.serverCode);
  switch (f.kind) {
    case 'unreachable':
      return new MockError('PARTNER_CLICKHOUSE_UNREACHABLE', { viewer, message: `${where} cannot be reached: ${f.message}.` });
    case 'timeout':
      return new MockError('PARTNER_CLICKHOUSE_TIMEOUT', { viewer, message: `${where} did not answer in time: ${f.message}.` });
    case 'auth':
      return new MockError('PARTNER_CLICKHOUSE_AUTH_FAILED', { viewer, message: `${where} refused the login: ${f.message}` });
    case 'unknown-database':
      return new MockError('PARTNER_DATABASE_NOT_FOUND', { viewer, field: 'db_name', message: `${where}: ${f.message}` });
    case 'too-many-rows':
      return new MockError('PARTNER_RESULT_TOO_LARGE', { viewer, field, message: `The chart SQL returns too many rows on ${where}: ${f.message}` });
    case 'sql':
      return new MockError('INVALID_SQL', { viewer, field, message: `The chart SQL failed on ${where}: ${f.message}` });
    case 'readonly':
      return new MockError('PARTNER_CLICKHOUSE_READONLY_USER', { viewer, message: `${where} refused DataLens's query settings: ${f.message}` });
    default:
      return new MockError('PARTNER_CLICKHOUSE_ERROR', { viewer, message: `${where} answered an error: ${f.message}` });
  }
}
