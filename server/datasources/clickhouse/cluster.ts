import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { MockError } from '../../errors/catalogue.js';
import { redact, type ClickHouseTarget } from './target.js';

/** A ClickHouse answer in the JSONCompact format. */
export interface CompactResult {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

/** What went wrong talking to a cluster, before it is worded for a chart, a connection or the audit. */
export type FailureKind = 'unreachable' | 'timeout' | 'auth' | 'unknown-database' | 'readonly' | 'too-many-rows' | 'sql' | 'server';

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
  const text = redact(String(err?.message ?? e).trim(), target).slice(0, 600);
  const netCode = err?.code ?? (err?.cause as { code?: string } | undefined)?.code;
  if (netCode && NETWORK.has(netCode)) return new ClickHouseFailure('unreachable', `${netCode}: ${text}`);
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
 * One partner cluster over HTTP with the official client: a client per database (the HTTP
 * `database` is per client), the server version read once, every failure classified, the password
 * kept out of every message and the client's own logging off.
 */
export class ClickHouseCluster {
  private readonly clients = new Map<string, ClickHouseClient>();
  private version?: Promise<string>;

  constructor(readonly target: ClickHouseTarget) {}

  private client(database: string | undefined): ClickHouseClient {
    const key = database ?? '';
    let c = this.clients.get(key);
    if (!c) {
      c = createClient({
        url: this.target.url,
        username: this.target.username,
        password: this.target.password,
        ...(database !== undefined && { database }),
        request_timeout: this.target.timeoutMs,
        compression: { request: false, response: false },
        log: { level: ClickHouseLogLevel.OFF },
        application: 'datalens-mock',
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /** Runs one query and reads the whole answer; throws ClickHouseFailure. */
  async query(
    sql: string,
    o: { database?: string; settings?: Record<string, string | number>; queryParams?: Record<string, unknown> } = {},
  ): Promise<CompactResult> {
    try {
      const rs = await this.client(o.database).query({
        query: sql,
        format: 'JSONCompact',
        ...(o.settings && { clickhouse_settings: o.settings as never }),
        ...(o.queryParams && Object.keys(o.queryParams).length > 0 && { query_params: o.queryParams }),
      });
      return (await rs.json()) as CompactResult;
    } catch (e) {
      throw classify(e, this.target);
    }
  }

  /** Runs a statement that returns nothing (the audit's write probe). */
  async command(sql: string, o: { sessionId?: string } = {}): Promise<void> {
    try {
      await this.client(undefined).command({ query: sql, ...(o.sessionId && { session_id: o.sessionId }) });
    } catch (e) {
      throw classify(e, this.target);
    }
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

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.close()));
  }
}

/** Native query parameters exist from ClickHouse 19.x on; the emulator uses them from 20.1 (tested range in docs/partner.md). */
export function supportsQueryParameters(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 20 || (major === 20 && minor >= 1);
}

/** A ClickHouseFailure worded for a chart or a connection: the connector and the cause named. */
export function failureError(f: ClickHouseFailure, where: string, field = 'sql'): MockError {
  switch (f.kind) {
    case 'unreachable':
      return new MockError('PARTNER_CLICKHOUSE_UNREACHABLE', { message: `${where} cannot be reached: ${f.message}.` });
    case 'timeout':
      return new MockError('PARTNER_CLICKHOUSE_TIMEOUT', { message: `${where} did not answer in time: ${f.message}.` });
    case 'auth':
      return new MockError('PARTNER_CLICKHOUSE_AUTH_FAILED', { message: `${where} refused the login: ${f.message}` });
    case 'unknown-database':
      return new MockError('PARTNER_DATABASE_NOT_FOUND', { field: 'db_name', message: `${where}: ${f.message}` });
    case 'too-many-rows':
      return new MockError('PARTNER_RESULT_TOO_LARGE', { field, message: `The chart SQL returns too many rows on ${where}: ${f.message}` });
    case 'sql':
      return new MockError('INVALID_SQL', { field, message: `The chart SQL failed on ${where}: ${f.message}` });
    case 'readonly':
      return new MockError('PARTNER_CLICKHOUSE_ERROR', {
        message: `${where} refused the query in readonly mode: ${f.message}`,
        hint: 'DataLens sets query settings, which readonly = 1 refuses: give the datalens user readonly = 2 (CREATE USER … SETTINGS readonly = 2).',
      });
    default:
      return new MockError('PARTNER_CLICKHOUSE_ERROR', { message: `${where} answered an error: ${f.message}` });
  }
}
