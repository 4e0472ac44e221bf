import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Folder for `store.sqlite`; ignored when inMemory. */
  dataDir?: string;
  inMemory?: boolean;
}

/** Opens the emulator's database (WAL, synchronous=FULL, foreign keys on) and migrates it. */
export function openDb(options: OpenOptions): Db {
  let db: Db;
  if (options.inMemory) {
    db = new Database(':memory:');
  } else {
    const dir = options.dataDir ?? '.datalens-mock';
    mkdirSync(dir, { recursive: true });
    db = new Database(join(dir, 'store.sqlite'));
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
