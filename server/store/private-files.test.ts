import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../server.js';
import { CA_KEY_FILE, TLS_DIR } from '../tls/index.js';
import { openDb } from './db.js';

const root = mkdtempSync(join(tmpdir(), 'dlm-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the data dir holds secrets: owner-only', () => {
  it('a new data dir is 0700 and the store with its -wal and -shm files 0600', () => {
    const dir = join(root, 'new', 'nested');
    const lines: string[] = [];
    const db = openDb({ dataDir: dir, log: (m) => lines.push(m) });
    db.prepare('CREATE TABLE t (a)').run();
    try {
      expect(modeOf(dir)).toBe(0o700);
      for (const f of ['store.sqlite', 'store.sqlite-wal', 'store.sqlite-shm']) expect([f, modeOf(join(dir, f))]).toEqual([f, 0o600]);
      expect(lines).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a data dir an older version made readable is tightened, with a line for each', () => {
    const dir = join(root, 'old');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    // What SQLite made under the usual umask: an (empty) store and its write-ahead log, 0644.
    for (const f of ['store.sqlite', 'store.sqlite-wal']) {
      writeFileSync(join(dir, f), '');
      chmodSync(join(dir, f), 0o644);
    }
    const lines: string[] = [];
    const db = openDb({ dataDir: dir, log: (m) => lines.push(m) });
    db.close();
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(dir, 'store.sqlite'))).toBe(0o600);
    expect(lines).toEqual([
      `datalens-mock: the folder ${dir} was readable by others (mode 755): now 700, as it holds secrets.`,
      `datalens-mock: the file ${join(dir, 'store.sqlite')} was readable by others (mode 644): now 600, as it holds secrets.`,
      `datalens-mock: the file ${join(dir, 'store.sqlite-wal')} was readable by others (mode 644): now 600, as it holds secrets.`,
    ]);
  });

  it('serve --tls keeps the CA folder 0700 and its key 0600', async () => {
    const dataDir = join(root, 'tls');
    const server = await createMockServer({ tls: true, dataDir, port: 0, quiet: true });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(join(dataDir, TLS_DIR))).toBe(0o700);
      expect(modeOf(join(dataDir, TLS_DIR, CA_KEY_FILE))).toBe(0o600);
      expect(modeOf(join(dataDir, 'store.sqlite'))).toBe(0o600);
    } finally {
      await server.close();
    }
  });
});
