import Database from 'better-sqlite3';
import { MockError } from '../errors/catalogue.js';
import type { DataRow } from '../store/index.js';
import { bindParams, registerSqlHelpers } from './sql-params.js';
import { columnsOf, objectsToTable, type TableData } from './table.js';

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function checkTableName(name: string, field = 'table'): void {
  if (!TABLE_NAME.test(name)) {
    throw new MockError('INVALID_BODY', {
      field,
      message: `Table name ${JSON.stringify(name)} is not valid: use letters, digits and _ (max 64), starting with a letter.`,
    });
  }
}

/**
 * The embedded SQLite data source that `sql` charts without a connectionId read. Its tables are
 * persisted in the store; this class keeps a query-only copy in memory.
 */
export class EmbeddedDatasource {
  private db: Database.Database;

  constructor() {
    this.db = new Database(':memory:');
    registerSqlHelpers(this.db);
  }

  load(tables: { name: string; rows: DataRow[] }[]): void {
    this.db.close();
    this.db = new Database(':memory:');
    registerSqlHelpers(this.db);
    for (const t of tables) this.putTable(t.name, t.rows);
  }

  putTable(name: string, rows: DataRow[]): void {
    checkTableName(name);
    const columns = columnsOf(rows);
    for (const c of columns) checkTableName(c, `rows[].${c}`);
    const q = (s: string) => `"${s}"`;
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${q(name)}`);
      this.db.exec(`CREATE TABLE ${q(name)} (${columns.length ? columns.map(q).join(', ') : '"_empty"'})`);
      if (columns.length) {
        const ins = this.db.prepare(
          `INSERT INTO ${q(name)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const r of rows) ins.run(...columns.map((c) => r[c] ?? null));
      }
    })();
  }

  /**
   * Checks a chart's SQL when it is created: it must compile (tables may be loaded later) and be
   * one read-only statement.
   */
  checkSql(sql: string): void {
    let stmt: Database.Statement;
    try {
      stmt = this.db.prepare(sql);
    } catch (e) {
      const msg = (e as Error).message;
      if (/no such (table|column)/.test(msg)) return;
      throw new MockError('INVALID_SQL', { message: `The chart SQL does not compile: ${msg}.`, field: 'sql' });
    }
    if (!stmt.reader || !stmt.readonly) {
      throw new MockError('INVALID_SQL', { message: 'The chart SQL must be one read-only SELECT.', field: 'sql' });
    }
  }

  /** Runs one read-only statement with params bound by name. */
  query(sql: string, params: Record<string, unknown>): TableData {
    return runReadOnly(this.db, sql, params);
  }

  close(): void {
    this.db.close();
  }
}

/** Runs a single read-only SELECT; anything that writes, attaches or changes settings is refused. */
export function runReadOnly(db: Database.Database, sql: string, params: Record<string, unknown>): TableData {
  let stmt: Database.Statement;
  try {
    stmt = db.prepare(sql);
  } catch (e) {
    throw new MockError('INVALID_SQL', { message: `The chart SQL does not compile: ${(e as Error).message}.`, field: 'sql' });
  }
  if (!stmt.reader || !stmt.readonly) {
    throw new MockError('INVALID_SQL', {
      message: 'The chart SQL must be one read-only SELECT; writes, ATTACH and PRAGMA are refused.',
      field: 'sql',
    });
  }
  try {
    const rows = stmt.all(bindParams(sql, params)) as Record<string, unknown>[];
    const columns = stmt.columns().map((c) => c.name);
    return objectsToTable(rows, columns);
  } catch (e) {
    throw new MockError('INVALID_SQL', { message: `The chart SQL failed: ${(e as Error).message}.`, field: 'sql' });
  }
}
