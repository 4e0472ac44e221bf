// Chart SQL on SQLite runs in a separate Node process with a deadline. SQLite offers no way to
// stop a running statement from better-sqlite3 (no progress handler, no interrupt), and a worker
// thread cannot be stopped while it is inside SQLite: only a process can be killed. The emulator's
// own thread never runs chart SQL, so one runaway query blocks nothing else; when it passes the
// deadline, its process is killed and the request gets 400 SQL_TIMEOUT.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { MockError } from '../errors/catalogue.js';
import { dlIn } from './params.js';
import { MAX_QUERY_SECONDS, MAX_ROWS } from './runner.js';

/** How long one chart query may run on SQLite: the budget every backend has (ClickHouse's max_execution_time). */
export const SQL_DEADLINE_MS = MAX_QUERY_SECONDS * 1000;
/** At most this many query processes (each runs one query at a time); more queries wait in line. */
const MAX_PROCESSES = 4;

export interface QueryJob {
  /** The database the query reads: its content is copied into the query process when it changed. */
  db: Database.Database;
  sql: string;
  /** The bound values by name (plain: names SQLite asks for beyond these read as NULL). */
  params: Record<string, unknown>;
  /** Named in messages. */
  where: string;
  deadlineMs?: number;
}

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

type Answer =
  | { id: number; ok: true; columns: string[]; rows: unknown[][] }
  | { id: number; need: true }
  | { id: number; tooMany: true }
  | { id: number; error: string };

/**
 * The query process's program, as plain JavaScript text: it is what a new Node process runs
 * (`node -e`), so no build step may rename or wrap anything in it. Arguments: the better-sqlite3
 * path, the source of `dl_in` (params.ts) and the row cap.
 */
const QUERY_PROCESS_PROGRAM = `
'use strict';
const SqliteDatabase = require(process.argv[1]);
const dlIn = (0, eval)('(' + process.argv[2] + ')');
const maxRows = Number(process.argv[3]);
// The images this process holds, by key, the most recently used last (a few namespaces at most).
const images = new Map();
function lookup(bound, name) {
  return typeof name === 'string' && Object.hasOwn(bound, name) ? bound[name] : null;
}
// Any name SQLite asks for that the bound params lack reads as NULL.
function withNulls(bound) {
  return new Proxy(bound, {
    has() { return true; },
    get: lookup,
    getOwnPropertyDescriptor(t, k) { return { value: lookup(t, k), writable: true, enumerable: true, configurable: true }; },
  });
}
process.on('disconnect', function () { process.exit(0); });
process.on('message', function (m) {
  try {
    let held = images.get(m.key);
    if (m.image) {
      if (held) held.db.close();
      const db = new SqliteDatabase(Buffer.from(m.image.buffer, m.image.byteOffset, m.image.byteLength), { readonly: true });
      db.function('dl_in', { deterministic: true }, dlIn);
      held = { version: m.version, db: db };
      images.set(m.key, held);
      while (images.size > 16) {
        const oldest = images.keys().next().value;
        images.get(oldest).db.close();
        images.delete(oldest);
      }
    }
    if (!held || held.version !== m.version) return process.send({ id: m.id, need: true });
    images.delete(m.key);
    images.set(m.key, held);
    const stmt = held.db.prepare(m.sql);
    const rows = [];
    for (const r of stmt.raw(true).iterate(withNulls(m.params))) {
      if (rows.length === maxRows) return process.send({ id: m.id, tooMany: true });
      rows.push(r);
    }
    process.send({ id: m.id, ok: true, columns: stmt.columns().map(function (c) { return c.name; }), rows: rows });
  } catch (e) {
    process.send({ id: m.id, error: e.message });
  }
});
`;

/** Which database content a query process must hold: an id per connection, and a version of its content. */
const keys = new WeakMap<Database.Database, string>();
let nextKey = 1;
function keyOf(db: Database.Database): string {
  let key = keys.get(db);
  if (!key) keys.set(db, (key = `db${nextKey++}`));
  return key;
}
/** Changes with every write and every schema change on this connection (`load`, `putTable`). */
const versionStatements = new WeakMap<Database.Database, Database.Statement>();
function versionOf(db: Database.Database): string {
  let stmt = versionStatements.get(db);
  if (!stmt) versionStatements.set(db, (stmt = db.prepare('SELECT total_changes(), (SELECT schema_version FROM pragma_schema_version)').raw(true)));
  const [changes, schema] = stmt.get() as [number, number];
  return `${schema}:${changes}`;
}

interface QueryProcess {
  child: ChildProcess;
  /** key -> version of the images this process holds. */
  holds: Map<string, string>;
  busy?: { id: number; settle: (a: Answer | Error) => void };
}

const requireHere = createRequire(import.meta.url);

function startProcess(): QueryProcess {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const args = ['-e', QUERY_PROCESS_PROGRAM, requireHere.resolve('better-sqlite3'), dlIn.toString(), String(MAX_ROWS)];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
    env,
  });
  const proc: QueryProcess = { child, holds: new Map() };
  child.on('message', (a: Answer) => {
    if (proc.busy?.id === a.id) proc.busy.settle(a);
  });
  child.on('exit', (code, signal) => proc.busy?.settle(new Error(`the query process ended (${signal ?? `exit ${code}`})`)));
  child.on('error', (e) => proc.busy?.settle(e));
  idleProcess(proc);
  return proc;
}

/** An idle process does not keep the emulator's own process alive. */
function idleProcess(p: QueryProcess): void {
  p.child.unref();
  (p.child.channel as { unref?: () => void } | undefined)?.unref?.();
}

function busyProcess(p: QueryProcess): void {
  p.child.ref();
  (p.child.channel as { ref?: () => void } | undefined)?.ref?.();
}

/** The query processes of this emulator process, shared by every data source and namespace. */
class QueryPool {
  private readonly idle: QueryProcess[] = [];
  private readonly all = new Set<QueryProcess>();
  private readonly waiting: ((p: QueryProcess) => void)[] = [];
  private nextId = 1;

  private acquire(): Promise<QueryProcess> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.all.size < MAX_PROCESSES) {
      const p = startProcess();
      this.all.add(p);
      return Promise.resolve(p);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(p: QueryProcess): void {
    const next = this.waiting.shift();
    if (next) return next(p);
    idleProcess(p);
    this.idle.push(p);
  }

  /** Kills a process (a runaway query) and lets a queued query start a fresh one. */
  private discard(p: QueryProcess): void {
    p.child.kill('SIGKILL');
    this.all.delete(p);
    const i = this.idle.indexOf(p);
    if (i >= 0) this.idle.splice(i, 1);
    const next = this.waiting.shift();
    if (next) {
      const fresh = startProcess();
      this.all.add(fresh);
      next(fresh);
    }
  }

  async run(job: QueryJob): Promise<QueryResult> {
    const deadlineMs = job.deadlineMs ?? SQL_DEADLINE_MS;
    const key = keyOf(job.db);
    const version = versionOf(job.db);
    const p = await this.acquire();
    busyProcess(p);
    const started = Date.now();
    let answer: Answer | Error | 'late' = await this.ask(p, { key, version, sql: job.sql, params: job.params }, deadlineMs);
    if (typeof answer === 'object' && 'need' in answer) {
      // The process lacks this database's current content: send it once, then ask again.
      const image = job.db.serialize();
      answer = await this.ask(p, { key, version, image, sql: job.sql, params: job.params }, deadlineMs - (Date.now() - started));
    }
    if (answer === 'late') {
      this.discard(p);
      throw new MockError('SQL_TIMEOUT', {
        field: 'sql',
        message: `The chart SQL ran longer than ${deadlineMs / 1000} s on ${job.where} and was stopped.`,
      });
    }
    if (answer instanceof Error) {
      this.discard(p);
      throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL failed on ${job.where}: ${answer.message}.` });
    }
    if ('need' in answer) {
      this.discard(p);
      throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL could not be run on ${job.where}.` });
    }
    p.holds.set(key, version);
    this.release(p);
    if ('tooMany' in answer) {
      throw new MockError('PARTNER_RESULT_TOO_LARGE', { field: 'sql', message: `The chart SQL returns more than ${MAX_ROWS} rows on ${job.where}.` });
    }
    if ('error' in answer) {
      throw new MockError('INVALID_SQL', { field: 'sql', message: `The chart SQL failed on ${job.where}: ${answer.error}.` });
    }
    return { columns: answer.columns, rows: answer.rows };
  }

  private ask(p: QueryProcess, message: Record<string, unknown>, budgetMs: number): Promise<Answer | Error | 'late'> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('late'), Math.max(0, budgetMs));
      const settle = (a: Answer | Error | 'late') => {
        clearTimeout(timer);
        p.busy = undefined;
        resolve(a);
      };
      p.busy = { id, settle };
      p.child.send({ id, ...message }, (e) => {
        if (e) settle(e);
      });
    });
  }
}

export const queryPool = new QueryPool();
