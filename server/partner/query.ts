import Database from 'better-sqlite3';
import { bindParams, registerSqlHelpers } from '../entries/sql-params.js';
import { toCell, type TableData } from '../entries/table.js';
import { MockError } from '../errors/catalogue.js';
import type { Db } from '../store/index.js';
import { clientDbSql } from '../store/partner.js';

/** The most rows a chart on a partner connection returns. */
export const MAX_ROWS = 100_000;

/**
 * Query-plan opcodes that change a database, its schema or the connection. A chart's SELECT never
 * needs them (its temporary results use ephemeral cursors, which are not listed here).
 */
const FORBIDDEN_OPCODES = new Set([
  'OpenWrite', 'CreateBtree', 'Destroy', 'Clear', 'ParseSchema', 'DropTable', 'DropIndex', 'DropTrigger',
  'Vacuum', 'IncrVacuum', 'JournalMode', 'SetCookie', 'VUpdate', 'VCreate', 'VDestroy', 'LoadAnalysis', 'Expire',
]);

const forbidden = (message: string) => new MockError('PARTNER_SQL_FORBIDDEN', { field: 'sql', message });

/**
 * Named params (README, "What the emulator serves"): bound as the embedded data source binds them, and any
 * name SQLite asks for that the params lack is bound as NULL.
 */
function withNulls(bound: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(bound, {
    has: () => true,
    get: (t, k) => (typeof k === 'string' && Object.hasOwn(t, k) ? t[k] : null),
    getOwnPropertyDescriptor: (t, k) => ({
      value: typeof k === 'string' && Object.hasOwn(t, k) ? t[k] : null,
      writable: true,
      enumerable: true,
      configurable: true,
    }),
  });
}

function prepare(db: Db, sql: string, where: string): Database.Statement {
  try {
    return db.prepare(sql);
  } catch (e) {
    throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL does not compile on ${where}: ${(e as Error).message}.` });
  }
}

/**
 * The authorizer-like check: one statement that returns rows and writes nothing (better-sqlite3's
 * `reader`/`readonly`, which refuses ATTACH, PRAGMA assignments and BEGIN), and a query plan that
 * opens no cursor for writing and reads no database but the connection's own ("main").
 */
function checkReadOnly(db: Db, stmt: Database.Statement, sql: string, params: Record<string, unknown>): void {
  if (!stmt.reader || !stmt.readonly) {
    throw forbidden('The chart SQL must be one read-only SELECT: ATTACH, PRAGMA, transactions and writes are refused.');
  }
  for (const op of clientDbSql.explain(db, sql, params)) {
    if (FORBIDDEN_OPCODES.has(op.opcode)) throw forbidden(`The chart SQL would change the database (${op.opcode}).`);
    const otherDb = (op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx') && op.p3 !== 0;
    if (otherDb || (op.opcode === 'Transaction' && (op.p1 !== 0 || op.p2 !== 0))) {
      throw forbidden("The chart SQL reads a database other than its connection's.");
    }
  }
}

/** Runs a chart's SQL on one client database (its read-only connection). */
export function runPartnerQuery(db: Db, dbName: string, sql: string, params: Record<string, unknown>): TableData {
  const stmt = prepare(db, sql, `the client database ${dbName}`);
  const bound = withNulls(bindParams(sql, params));
  checkReadOnly(db, stmt, sql, bound);
  const rows: TableData['rows'] = [];
  try {
    for (const r of stmt.raw(true).iterate(bound) as Iterable<unknown[]>) {
      if (rows.length === MAX_ROWS) {
        throw new MockError('PARTNER_RESULT_TOO_LARGE', { field: 'sql', message: `The chart SQL returns more than ${MAX_ROWS} rows.` });
      }
      rows.push(r.map(toCell));
    }
  } catch (e) {
    if (e instanceof MockError) throw e;
    throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL failed on the client database ${dbName}: ${(e as Error).message}.` });
  }
  return { columns: stmt.columns().map((c) => c.name), rows };
}

/**
 * Checks a chart's SQL before any client data exists (template charts): it must compile and be
 * read-only. Missing tables and columns are added to an empty scratch database as stand-ins until
 * the SQL compiles, so that `DELETE FROM sales` is refused at registration, not at first run.
 */
export function checkPartnerSql(sql: string, field = 'sql'): void {
  const db = new Database(':memory:');
  registerSqlHelpers(db);
  const stubs: string[] = [];
  try {
    let stmt: Database.Statement | undefined;
    for (let attempt = 0; !stmt && attempt < 100; attempt++) {
      try {
        stmt = db.prepare(sql);
      } catch (e) {
        const msg = (e as Error).message;
        const table = /^no such table: (?:main\.)?([^.\s]+)$/.exec(msg)?.[1];
        const column = /^no such column: (?:\S+\.)?([^.\s]+)$/.exec(msg)?.[1];
        if (table && !stubs.includes(table)) {
          clientDbSql.createStubTable(db, table);
          stubs.push(table);
        } else if (column && stubs.length) {
          // The qualifier may be an alias: give every stand-in table the column.
          try {
            for (const t of stubs) clientDbSql.addStubColumn(db, t, column);
          } catch {
            return; // no progress possible; the SQL is checked again when it runs
          }
        } else if (/^no such (table|column)/.test(msg)) {
          return; // e.g. another schema: refused when it runs
        } else {
          throw new MockError('INVALID_SQL', { field, message: `The chart SQL does not compile: ${msg}.` });
        }
      }
    }
    if (stmt && (!stmt.reader || !stmt.readonly)) {
      throw new MockError('PARTNER_SQL_FORBIDDEN', { field, message: 'The chart SQL must be one read-only SELECT.' });
    }
  } finally {
    db.close();
  }
}
