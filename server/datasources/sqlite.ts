import Database from 'better-sqlite3';
import { MockError, type ReasonCode } from '../errors/catalogue.js';
import type { Db } from '../store/index.js';
import { clientDbSql } from '../store/partner.js';
import { checkStatement, lex } from './statement.js';
import { bindParams, paramNames, registerSqlHelpers } from './params.js';
import { queryPool, SQL_DEADLINE_MS } from './query-process.js';
import { type ReadOnlyRunner } from './runner.js';
import { toCell, type TableData } from './types.js';

/**
 * Query-plan opcodes that change a database, its schema or the connection. A chart's SELECT never
 * needs them (its temporary results use ephemeral cursors, which are not listed here).
 */
const FORBIDDEN_OPCODES = new Set([
  'OpenWrite', 'CreateBtree', 'Destroy', 'Clear', 'ParseSchema', 'DropTable', 'DropIndex', 'DropTrigger',
  'Vacuum', 'IncrVacuum', 'JournalMode', 'SetCookie', 'VUpdate', 'VCreate', 'VDestroy', 'LoadAnalysis', 'Expire',
]);

const forbidder = (refusal: ReasonCode) => (message: string, field = 'sql') => new MockError(refusal, { field, message });

/** Any name SQLite asks for that the bound params lack reads as NULL (a name the lexer did not see). */
function withNulls(bound: Record<string, unknown>): Record<string, unknown> {
  const get = (t: Record<string, unknown>, k: string | symbol) => (typeof k === 'string' && Object.hasOwn(t, k) ? t[k] : null);
  return new Proxy(bound, {
    has: () => true,
    get,
    getOwnPropertyDescriptor: (t, k) => ({ value: get(t, k), writable: true, enumerable: true, configurable: true }),
  });
}

function prepare(db: Db, sql: string, where: string, field = 'sql'): Database.Statement {
  try {
    return db.prepare(sql);
  } catch (e) {
    throw new MockError('INVALID_SQL', { field, message: `The chart SQL does not compile on ${where}: ${(e as Error).message}.` });
  }
}

/**
 * SQLite's own verdict, after the shared statement shape: one statement that returns rows and
 * writes nothing (better-sqlite3's `reader`/`readonly`: ATTACH, PRAGMA assignments and BEGIN are
 * refused), and a query plan that opens no cursor for writing and reads no database but "main".
 */
function checkPlan(db: Db, stmt: Database.Statement, sql: string, params: Record<string, unknown>, refusal: ReasonCode): void {
  const forbidden = forbidder(refusal);
  if (!stmt.reader || !stmt.readonly) {
    throw forbidden('The chart SQL must be one read-only SELECT: ATTACH, PRAGMA, transactions and writes are refused.');
  }
  for (const op of clientDbSql.explain(db, sql, params)) {
    if (FORBIDDEN_OPCODES.has(op.opcode)) throw forbidden(`The chart SQL would change the database (${op.opcode}).`);
    const otherDb = (op.opcode === 'OpenRead' || op.opcode === 'ReopenIdx') && op.p3 !== 0;
    if (otherDb || (op.opcode === 'Transaction' && (op.p1 !== 0 || op.p2 !== 0))) {
      throw forbidden('The chart SQL reads a database other than its own.');
    }
  }
}

/** The read-only runner on one SQLite database: the embedded data source or one client database. */
export class SqliteRunner implements ReadOnlyRunner {
  readonly backend = 'sqlite' as const;

  constructor(
    private readonly open: () => Db,
    /** Named in messages: "the embedded data source", "the client database client_1". */
    private readonly where: string,
    /** The reason of a refusal: INVALID_SQL for the embedded data source, PARTNER_SQL_FORBIDDEN for a connection. */
    private readonly refusal: ReasonCode = 'PARTNER_SQL_FORBIDDEN',
    /** How long one query may run (SQL_DEADLINE_MS unless a test says otherwise). */
    private readonly deadlineMs = SQL_DEADLINE_MS,
  ) {}

  check(sql: string, field = 'sql'): void {
    checkSqliteSql(sql, field, this.refusal);
    checkStatement(lex(sql, 'sqlite', field), field, this.refusal, 'sqlite');
  }

  /**
   * Checks the statement and its plan here (compiling only), then runs it in a query process with a
   * deadline (query-process.ts): a runaway query is stopped with 400 SQL_TIMEOUT and never blocks
   * another request.
   */
  async run(sql: string, params: Record<string, unknown>): Promise<TableData> {
    const db = this.open();
    const stmt = prepare(db, sql, this.where);
    const tokens = checkStatement(lex(sql, 'sqlite'), 'sql', this.refusal, 'sqlite');
    const plain = bindParams(paramNames(tokens), params);
    checkPlan(db, stmt, sql, withNulls(plain), this.refusal);
    const result = await queryPool.run({ db, sql, params: plain, where: this.where, deadlineMs: this.deadlineMs });
    return { columns: result.columns, rows: result.rows.map((r) => r.map((v) => toCell(v instanceof Uint8Array ? Buffer.from(v) : v))) };
  }

  async tableColumns(table: string): Promise<string[] | undefined> {
    return clientDbSql.tableColumns(this.open(), table);
  }
}

/**
 * Checks a chart's SQL before its data exists (template charts, charts created before their
 * tables): it must compile and be read-only. Missing tables and columns are added to an empty
 * scratch database as stand-ins until the SQL compiles, so that `DELETE FROM sales` is refused at
 * creation, not at first run.
 */
export function checkSqliteSql(sql: string, field = 'sql', refusal: ReasonCode = 'PARTNER_SQL_FORBIDDEN'): void {
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
    if (stmt && (!stmt.reader || !stmt.readonly)) throw forbidder(refusal)('The chart SQL must be one read-only SELECT.', field);
  } finally {
    db.close();
  }
}
