import Database from 'better-sqlite3';
import type { DataRow } from '../store/index.js';
import { clientDbSql } from '../store/partner.js';
import { checkColumnNames, checkTableName } from './names.js';
import { registerSqlHelpers } from './params.js';
import { SqliteRunner } from './sqlite.js';
import { columnsOf } from './types.js';

/**
 * The embedded SQLite data source that `sql` charts without a connectionId read: the default, it
 * needs no setup. Its tables are persisted in the store; this class keeps a query-only copy in memory.
 */
export class EmbeddedDatasource extends SqliteRunner {
  private readonly current: { db: Database.Database };

  constructor() {
    const current = { db: EmbeddedDatasource.open() };
    super(() => current.db, 'the embedded data source', 'INVALID_SQL');
    this.current = current;
  }

  private get db(): Database.Database {
    return this.current.db;
  }

  private static open(): Database.Database {
    const db = new Database(':memory:');
    registerSqlHelpers(db);
    return db;
  }

  load(tables: { name: string; rows: DataRow[] }[]): void {
    this.current.db.close();
    this.current.db = EmbeddedDatasource.open();
    for (const t of tables) this.putTable(t.name, t.rows);
  }

  putTable(name: string, rows: DataRow[]): void {
    checkTableName(name);
    const columns = columnsOf(rows);
    checkColumnNames(columns, 'rows', false);
    clientDbSql.replaceTable(this.db, name, columns, rows);
  }

  close(): void {
    this.db.close();
  }
}
