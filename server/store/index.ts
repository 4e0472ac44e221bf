import { datasourceRepo } from './datasource.js';
import type Database from 'better-sqlite3';
import { openDb, readRows, restoreRows, wipe, type Db, type OpenOptions, type TableRows } from './db.js';
import { embedsRepo } from './embeds.js';
import { entriesRepo } from './entries.js';
import { partnerRepo } from './partner.js';
import { secretsRepo } from './secrets.js';
import { workbooksRepo } from './workbooks.js';
import { countWrites } from './writes.js';

export type { Db } from './db.js';

/** A store's content at one moment: an image to open copies from, and its rows to restore in place. */
export interface StoreSnapshot {
  image: Buffer;
  rows: TableRows;
}
export type { EmbeddingInfo } from './embeds.js';
export type { DataRow } from './datasource.js';

/**
 * The one owner of the emulator's persistent state. Every SQL statement that touches stored state
 * lives under server/store/. Calls are synchronous (better-sqlite3); `transaction` groups them.
 */
export class Store {
  readonly db: Db;
  readonly workbooks;
  readonly secrets;
  readonly entries;
  readonly embeds;
  readonly datasource;
  /** Partner connectors: DataLens keyring, connectors, connections (server/partner). */
  readonly partner;
  /** Changes with every write, transaction, reset and restore (server/store/writes.ts): what read caches compare. */
  readonly version: () => number;

  constructor(options: OpenOptions) {
    this.db = openDb(options);
    this.version = countWrites(this.db);
    this.workbooks = workbooksRepo(this.db);
    this.secrets = secretsRepo(this.db);
    this.entries = entriesRepo(this.db, this.version);
    this.embeds = embedsRepo(this.db, this.version);
    this.datasource = datasourceRepo(this.db);
    this.partner = partnerRepo(this.db);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Empties all state except the tables named in `keep`. */
  reset(keep: string[] = []): void {
    wipe(this.db, keep);
  }

  /** The store's content now (the emulator takes it right after seeding). */
  snapshot(): StoreSnapshot {
    return { image: this.db.serialize(), rows: readRows(this.db) };
  }

  private readonly inserts = new Map<string, Database.Statement>();

  /** Puts a snapshot's content back on this connection: what a reset does instead of re-seeding. */
  restore(snapshot: StoreSnapshot): void {
    restoreRows(this.db, snapshot.rows, this.inserts);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
