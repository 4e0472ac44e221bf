import Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { privateDir, privateFile, privateFilesIfPresent, stderrLog } from './private-files.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Folder for `store.sqlite`; ignored when inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** An in-memory store opened from this image (`serialize()` of another store): a namespace's copy of a snapshot. */
  image?: Buffer;
  /** Where a line about tightened permissions goes (default: stderr). */
  log?: (msg: string) => void;
}

/** Opens the emulator's database (WAL, synchronous=FULL, foreign keys on; folder 0700, files 0600) and migrates it. */
export function openDb(options: OpenOptions): Db {
  let db: Db;
  if (options.image) {
    db = new Database(options.image);
  } else if (options.inMemory) {
    db = new Database(':memory:');
  } else {
    const dir = options.dataDir ?? '.datalens-mock';
    const log = options.log ?? stderrLog;
    // Owner-only: the store holds partners' ClickHouse passwords and DataLens private keys.
    privateDir(dir, log);
    const file = join(dir, 'store.sqlite');
    privateFile(file, log);
    privateFilesIfPresent([`${file}-wal`, `${file}-shm`], log);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // FULL: an acknowledged RPC survives SIGKILL and power loss alike.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
  }
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The data dir was written by a newer datalens-mock (schema ${current}, this version knows ${MIGRATIONS.length}). ` +
        'Upgrade datalens-mock or use another --data-dir.',
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Empties every table (keeps the schema). */
export function wipe(db: Db, keep: string[] = []): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => !keep.includes(t));
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const t of tables) db.prepare(`DELETE FROM "${t}"`).run();
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** The rows of every table, as `raw()` arrays: what `restoreRows` puts back. */
export type TableRows = { table: string; insert: string; rows: unknown[][] }[];

const tableNames = (db: Db): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);

/** Reads every row of every table (a seeded store holds a few hundred at most). */
export function readRows(db: Db): TableRows {
  return tableNames(db).map((table) => {
    const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
    const columns = db.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns().length;
    return { table, insert: `INSERT INTO "${table}" VALUES (${Array(columns).fill('?').join(', ')})`, rows };
  });
}

/**
 * Empties every table and puts `rows` back, in one transaction on the same connection (the repos'
 * prepared statements stay valid). `statements` caches the INSERTs between calls.
 */
export function restoreRows(db: Db, rows: TableRows, statements: Map<string, Database.Statement>): void {
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const t of tableNames(db)) db.prepare(`DELETE FROM "${t}"`).run();
      for (const t of rows) {
        if (t.rows.length === 0) continue;
        let insert = statements.get(t.insert);
        if (!insert) statements.set(t.insert, (insert = db.prepare(t.insert)));
        for (const r of t.rows) insert.run(r);
      }
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
