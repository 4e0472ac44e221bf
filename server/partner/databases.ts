import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

/** A client database: its connector and its db_name (the same db_name under two connectors is two databases). */
export interface ClientDb {
  connectorId: string;
  dbName: string;
}

/** The key of a client database in memory and in snapshots: `<connectorId>/<db_name>`. */
export const clientDbKey = (c: ClientDb) => `${c.connectorId}/${c.dbName}`;

const CONNECTOR_ID = /^[0-9a-z]{13}$/;

/**
 * The owner of databases loaded by the short route while no connector exists yet (the order of
 * 0.1.0's walkthrough allowed that): the first connector registered adopts them. Not an ID (no
 * connector can be named so).
 */
export const UNASSIGNED = '_unassigned';

/**
 * The client databases (DataLens's partner-connector guide: "Create a dedicated database ... for each
 * user"). A client database belongs to its connector: one SQLite file per connector and db_name under
 * `<data dir>/partner-databases/<connectorId>/`, or in memory with --in-memory. Charts read them
 * through a separate read-only connection per database, so no SQL can reach another client, and no
 * partner reaches another partner's `client_acme`.
 */
export class ClientDatabases {
  /** In-memory mode: the databases themselves, by clientDbKey. File mode: unused (writers open and close). */
  private readonly memory = new Map<string, Db>();
  /** Read-only connections by clientDbKey, reopened after every load. */
  private readonly readers = new Map<string, Db>();
  private readonly dir: string | undefined;

  constructor(options: { dataDir: string; inMemory: boolean }) {
    this.dir = options.inMemory ? undefined : join(options.dataDir, 'partner-databases');
  }

  private file(c: ClientDb): string {
    return join(this.dir!, c.connectorId, `${c.dbName}.sqlite`);
  }

  private check(c: ClientDb, table?: string): void {
    // The connector is looked up by the caller; its ID is checked again here because it names a folder.
    if (c.connectorId !== UNASSIGNED && !CONNECTOR_ID.test(c.connectorId)) throw new MockError('INVALID_BODY', { field: 'connectorId', message: `${JSON.stringify(c.connectorId)} is not a connector ID.` });
    checkClientNames(c.dbName, table);
  }

  /** Replaces one table of a client database (PUT /_mock/partner/connectors/<id>/databases/<db>/tables/<t>). */
  putTable(c: ClientDb, table: string, rows: DataRow[]): void {
    this.check(c, table);
    const columns = columnsOf(rows);
    checkColumnNames(columns);
    this.dropReader(c);
    if (!this.dir) {
      let db = this.memory.get(clientDbKey(c));
      if (!db) this.memory.set(clientDbKey(c), (db = new Database(':memory:')));
      clientDbSql.replaceTable(db, table, columns, rows);
      return;
    }
    mkdirSync(join(this.dir, c.connectorId), { recursive: true });
    const db = new Database(this.file(c));
    try {
      clientDbSql.replaceTable(db, table, columns, rows);
    } finally {
      db.close();
    }
  }

  /** The client's tables and row counts (empty when nothing was loaded). */
  listTables(c: ClientDb): { name: string; rows: number }[] {
    this.check(c);
    return clientDbSql.listTables(this.reader(c));
  }

  /**
   * The read-only connection of one client database, like DataLens's `readonly = 2` partner user. A
   * database nothing was loaded into reads as empty.
   */
  reader(c: ClientDb): Db {
    const key = clientDbKey(c);
    let db = this.readers.get(key);
    if (db) return db;
    if (this.dir && existsSync(this.file(c))) {
      db = new Database(this.file(c), { readonly: true, fileMustExist: true });
    } else {
      // In memory: a read-only copy of the client's database (or of an empty one).
      db = new Database(this.memory.get(key)?.serialize() ?? emptyDatabaseImage(), { readonly: true });
    }
    db.pragma('query_only = ON');
    registerSqlHelpers(db);
    this.readers.set(key, db);
    return db;
  }

  /** The read-only runner of one client database (what a chart on a SQLite-backed connection runs on). */
  runner(c: ClientDb): SqliteRunner {
    this.check(c);
    return new SqliteRunner(() => this.reader(c), `the client database ${c.dbName}`);
  }

  private dropReader(c: ClientDb): void {
    const key = clientDbKey(c);
    this.readers.get(key)?.close();
    this.readers.delete(key);
  }

  /**
   * Files of 0.1.0, `<data dir>/partner-databases/<db_name>.sqlite`, had no connector. When the data
   * dir has exactly one connector they are its databases and move into its folder; otherwise they
   * stay where they are, unread, and the names are returned (to be loaded again per connector).
   */
  adoptUnscoped(connectorIds: string[]): string[] {
    if (!this.dir || !existsSync(this.dir)) return [];
    const loose = readdirSync(this.dir).filter((f) => f.endsWith('.sqlite'));
    if (loose.length === 0 || connectorIds.length !== 1) return loose;
    const [only] = connectorIds;
    mkdirSync(join(this.dir, only), { recursive: true });
    for (const f of loose) {
      if (!existsSync(join(this.dir, only, f))) renameSync(join(this.dir, f), join(this.dir, only, f));
    }
    this.close(); // readers opened before the move read an empty database
    return [];
  }

  /** Gives the databases loaded before any connector existed to `connectorId` (the first connector). */
  adoptUnassigned(connectorId: string): void {
    this.check({ connectorId, dbName: 'x' });
    const prefix = `${UNASSIGNED}/`;
    for (const [key, db] of [...this.memory]) {
      if (!key.startsWith(prefix)) continue;
      this.memory.delete(key);
      this.memory.set(`${connectorId}/${key.slice(prefix.length)}`, db);
    }
    const from = this.dir && join(this.dir, UNASSIGNED);
    if (from && existsSync(from)) {
      mkdirSync(join(this.dir!, connectorId), { recursive: true });
      for (const f of readdirSync(from)) if (!existsSync(join(this.dir!, connectorId, f))) renameSync(join(from, f), join(this.dir!, connectorId, f));
      rmSync(from, { recursive: true, force: true });
    }
    for (const db of this.readers.values()) db.close();
    this.readers.clear();
  }

  /** Closes every connection (state stays on disk). */
  close(): void {
    for (const db of [...this.readers.values(), ...this.memory.values()]) db.close();
    this.readers.clear();
    this.memory.clear();
  }

  /**
   * In memory: every client database as an image (what seeding loaded) by clientDbKey, for
   * `restore`. On disk: undefined (the files are the state; a reset deletes them and seeds again).
   */
  snapshot(): Map<string, Buffer> | undefined {
    if (this.dir) return undefined;
    return new Map([...this.memory].map(([key, db]) => [key, db.serialize()]));
  }

  /** Replaces every client database by the images of a snapshot (in memory only). */
  restore(images: Map<string, Buffer>): void {
    this.close();
    for (const [key, image] of images) this.memory.set(key, new Database(image));
  }

  /** Deletes every client database (POST /_mock/reset). */
  reset(): void {
    this.close();
    if (!this.dir || !existsSync(this.dir)) return;
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (entry.isDirectory() && (CONNECTOR_ID.test(entry.name) || entry.name === UNASSIGNED)) rmSync(join(this.dir, entry.name), { recursive: true, force: true });
      else if (entry.isFile() && entry.name.endsWith('.sqlite')) rmSync(join(this.dir, entry.name), { force: true });
    }
  }
}
