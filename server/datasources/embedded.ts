import Database from 'better-sqlite3';
import type { DataRow, Store } from '../store/index.js';
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

  /** `image`: a `serialize()` of another instance's tables (a namespace opened from a snapshot). */
  constructor(image?: Buffer) {
    const current = { db: EmbeddedDatasource.open(image) };
    super(() => current.db, 'the embedded data source', 'INVALID_SQL');
    this.current = current;
  }

  private get db(): Database.Database {
    return this.current.db;
  }

  private static open(image?: Buffer): Database.Database {
    const db = new Database(image ?? ':memory:');
    registerSqlHelpers(db);
    return db;
  }

  load(tables: { name: string; rows: DataRow[] }[]): void {
    this.current.db.close();
    this.current.db = EmbeddedDatasource.open();
    for (const t of tables) this.putTable(t.name, t.rows);
  }

  /** The tables now, as an image `restore` and the constructor accept. */
  serialize(): Buffer {
    return this.db.serialize();
  }

  /** Replaces every table by those of an image. */
  restore(image: Buffer): void {
    this.current.db.close();
    this.current.db = EmbeddedDatasource.open(image);
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

/** Loads a table of the embedded data source: kept in the store, and in the query-only copy charts read. */
export function putEmbeddedTable(state: { store: Store; datasource: EmbeddedDatasource }, name: string, rows: DataRow[]): void {
  state.datasource.putTable(name, rows);
  state.store.datasource.put(name, rows);
}
