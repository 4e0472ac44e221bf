import type { Db } from './db.js';

/**
 * A counter that changes whenever the database may have changed: every run of a statement that is
 * not read-only, every `exec`, `pragma` and the end of every transaction (committed or rolled
 * back: a read inside a transaction may have seen rows that a rollback took away). Caches of
 * derived values (server/store/embeds.ts) compare it instead of asking SQLite on every read.
 * Installed on the connection before anything is prepared on it, so no write can bypass it.
 */
export function countWrites(db: Db): () => number {
  let version = 0;
  const bump = () => {
    version++;
  };
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (statement.readonly) return statement;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        version++;
        return original.apply(this, args);
      };
    }
    return statement;
  }) as Db['prepare'];
  const exec = db.exec.bind(db);
  db.exec = (source: string) => {
    bump();
    return exec(source);
  };
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, options?: { simple?: boolean }) => {
    bump();
    return pragma(source, options);
  }) as Db['pragma'];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const run = transaction(fn);
    const ended = (variant: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        try {
          return variant.apply(this, args);
        } finally {
          bump();
        }
      };
    return Object.assign(ended(run), { default: ended(run.default), deferred: ended(run.deferred), immediate: ended(run.immediate), exclusive: ended(run.exclusive) });
  }) as Db['transaction'];
  return () => version;
}

/**
 * Values derived from stored rows, by key, valid while the store's write counter stays the same.
 * Any write anywhere empties it: writes are rare, reads of the same few keys are the hot path.
 */
export class ReadCache<V> {
  private readonly values = new Map<string, V>();
  private seen = -1;
  constructor(private readonly version: () => number) {}

  get(key: string, read: (key: string) => V): V {
    const now = this.version();
    if (now !== this.seen) {
      this.values.clear();
      this.seen = now;
    }
    const hit = this.values.get(key);
    if (hit !== undefined || this.values.has(key)) return hit as V;
    const value = read(key);
    // The read may have been a write (none today); then the value is not kept.
    if (this.version() !== now) return value;
    if (this.values.size >= 1000) this.values.delete(this.values.keys().next().value as string);
    this.values.set(key, value);
    return value;
  }
}

/** Freezes a value and everything in it: what a cache hands to every caller must not change. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
