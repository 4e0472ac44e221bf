// A current ClickHouse (26.x) in process for the project's own tests, through the npm package chdb
// (a devDependency, never shipped): its parser answers for the guard (a ClickHouseParser), and a
// cluster stand-in runs chart queries on it for real. chdb has no users or grants: a query the
// guard let through would really read client_b, which is what the tests check it never does.
import { createRequire } from 'node:module';
import { ClickHouseFailure, type ClickHouseCluster, type CompactResult } from '../datasources/clickhouse/cluster.js';
import type { ClickHouseParser } from '../datasources/clickhouse/parser.js';
import { touchedFromExplain } from '../datasources/clickhouse/parser.js';

interface Chdb {
  query(sql: string, format?: string): string;
  queryBind(sql: string, args: object, format?: string): string;
}

let chdb: Chdb | undefined;

/** The chdb module; a missing package is an error that says how to get it (tests never skip). */
export function loadChdb(): Chdb {
  if (!chdb) {
    try {
      chdb = createRequire(import.meta.url)('chdb') as Chdb;
    } catch (e) {
      throw new Error(`The npm package chdb (ClickHouse 26.x in process) is missing: it is a devDependency, run npm ci. ${(e as Error).message}`);
    }
  }
  return chdb;
}

/** Runs statements separated by `;` at line ends (a fixture). */
export function chdbExec(sql: string): void {
  for (const stmt of sql.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, '')).filter(Boolean)) loadChdb().query(stmt, 'TSV');
}

const failureOf = (e: unknown): ClickHouseFailure => {
  const text = String((e as Error)?.message ?? e);
  const code = Number(/Code: (\d+)/.exec(text)?.[1] ?? NaN);
  return new ClickHouseFailure(Number.isFinite(code) ? 'sql' : 'server', text.slice(0, 600), Number.isFinite(code) ? code : undefined);
};

function run(sql: string, params: Record<string, unknown> = {}, database?: string): CompactResult {
  const c = loadChdb();
  try {
    if (database !== undefined) c.query(`USE \`${database.replace(/[`\\]/g, '\\$&')}\``, 'TSV');
    const text = Object.keys(params).length ? c.queryBind(sql, params, 'JSONCompact') : c.query(sql, 'JSONCompact');
    if (text.trim() === '') return { meta: [], data: [] };
    try {
      return JSON.parse(text) as CompactResult;
    } catch {
      // After some failures chdb returns the error's partial output instead of throwing.
      throw new ClickHouseFailure('sql', `chdb answered something other than one JSON document: ${text.slice(0, 300)}`);
    }
  } catch (e) {
    throw e instanceof ClickHouseFailure ? e : failureOf(e);
  }
}

/** chdb as a ClickHouseParser: EXPLAIN AST of the text with its query parameters, read as the emulator reads a server's. */
export function chdbParser(database = 'default'): ClickHouseParser {
  return {
    async touches(sql, queryParams) {
      return touchedFromExplain(run(`EXPLAIN AST ${sql}`, queryParams, database).data.map((r) => String(r[0])));
    },
  };
}

/**
 * A stand-in for ClickHouseCluster on chdb, so that the emulator's own ClickHouseRunner runs on
 * 26.x: its version, its databases, and queries (native query parameters, in a database).
 */
export function chdbCluster(): ClickHouseCluster {
  const stand = {
    target: { url: 'chdb://in-process', username: 'default', password: '', timeoutMs: 10_000 },
    async serverVersion() {
      return String(run('SELECT version()').data[0][0]);
    },
    async databases() {
      return run('SHOW DATABASES').data.map((r) => String(r[0]));
    },
    async query(sql: string, o: { database?: string; queryParams?: Record<string, unknown> } = {}) {
      return run(sql, o.queryParams ?? {}, o.database);
    },
    async command(sql: string) {
      run(sql);
    },
    async close() {},
  };
  return stand as unknown as ClickHouseCluster;
}
