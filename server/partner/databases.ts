import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkColumnNames, checkTableName } from '../datasources/names.js';
import { SqliteRunner } from '../datasources/sqlite.js';
import { registerSqlHelpers } from '../datasources/params.js';
import { columnsOf } from '../datasources/types.js';
import { MockError } from '../errors/catalogue.js';
import type { DataRow, Db } from '../store/index.js';
import { clientDbSql } from '../store/partner.js';
import { isDbName } from './payload.js';

export function checkClientNames(dbName: string, table?: string): void {
  if (!isDbName(dbName)) {
    throw new MockError('INVALID_BODY', {
      field: 'dbName',
      message: `${JSON.stringify(dbName)} is not a database name: letters, digits, _ and - (at most 128), starting with a letter, digit or _.`,
    });
  }
  if (table !== undefined) checkTableName(table);
}

function emptyDatabaseImage(): Buffer {
  const db = new Database(':memory:');
  try {
    return db.serialize();
  } finally {
    db.close();
  }
}

/**
 * The client databases (DataLens's partner-connector guide: "Create a dedicated database ... for each user"): one SQLite
 * file per db_name under `<data dir>/partner-databases/`, or in memory with --in-memory. Charts read
 * them through a separate read-only connection per database, so no SQL can reach another client.
 */
export class ClientDatabases {
  /** In-memory mode: the databases themselves. File mode: unused (writers open and close). */
  private readonly memory = new Map<string, Db>();
  /** Read-only connections, reopened after every load. */
  private readonly readers = new Map<string, Db>();
  private readonly dir: string | undefined;

  constructor(options: { dataDir: string; inMemory: boolean }) {
    this.dir = options.inMemory ? undefined : join(options.dataDir, 'partner-databases');
  }

  private file(dbName: string): string {
    return join(this.dir!, `${dbName}.sqlite`);
  }

  /** Replaces one table of a client database (PUT /_mock/partner/databases/<db>/tables/<t>). */
  putTable(dbName: string, table: string, rows: DataRow[]): void {
    checkClientNames(dbName, table);
    const columns = columnsOf(rows);
    checkColumnNames(columns);
    this.dropReader(dbName);
    if (!this.dir) {
      let db = this.memory.get(dbName);
      if (!db) this.memory.set(dbName, (db = new Database(':memory:')));
      clientDbSql.replaceTable(db, table, columns, rows);
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const db = new Database(this.file(dbName));
    try {
      clientDbSql.replaceTable(db, table, columns, rows);
    } finally {
      db.close();
    }
  }

  /** The client's tables and row counts (empty when nothing was loaded). */
  listTables(dbName: string): { name: string; rows: number }[] {
    checkClientNames(dbName);
    return clientDbSql.listTables(this.reader(dbName));
  }

  /**
   * The read-only connection of one client database, like DataLens's `readonly = 2` partner user. A
   * database nothing was loaded into reads as empty.
   */
  reader(dbName: string): Db {
    let db = this.readers.get(dbName);
    if (db) return db;
    if (this.dir && existsSync(this.file(dbName))) {
      db = new Database(this.file(dbName), { readonly: true, fileMustExist: true });
    } else {
      // In memory: a read-only copy of the client's database (or of an empty one).
      db = new Database(this.memory.get(dbName)?.serialize() ?? emptyDatabaseImage(), { readonly: true });
    }
    db.pragma('query_only = ON');
    registerSqlHelpers(db);
    this.readers.set(dbName, db);
    return db;
  }

  /** The read-only runner of one client database (what a chart on a SQLite-backed connection runs on). */
  runner(dbName: string): SqliteRunner {
    checkClientNames(dbName);
    return new SqliteRunner(() => this.reader(dbName), `the client database ${dbName}`);
  }

  private dropReader(dbName: string): void {
    this.readers.get(dbName)?.close();
    this.readers.delete(dbName);
  }

  /** Closes every connection (state stays on disk). */
  close(): void {
    for (const db of [...this.readers.values(), ...this.memory.values()]) db.close();
    this.readers.clear();
    this.memory.clear();
  }

  /**
   * In memory: every client database as an image (what seeding loaded), for `restore`. On disk:
   * undefined (the files are the state; a reset deletes them and seeds again).
   */
  snapshot(): Map<string, Buffer> | undefined {
    if (this.dir) return undefined;
    return new Map([...this.memory].map(([name, db]) => [name, db.serialize()]));
  }

  /** Replaces every client database by the images of a snapshot (in memory only). */
  restore(images: Map<string, Buffer>): void {
    this.close();
    for (const [name, image] of images) this.memory.set(name, new Database(image));
  }

  /** Deletes every client database (POST /_mock/reset). */
  reset(): void {
    this.close();
    if (!this.dir || !existsSync(this.dir)) return;
    for (const f of readdirSync(this.dir)) if (f.endsWith('.sqlite')) rmSync(join(this.dir, f), { force: true });
  }
}
