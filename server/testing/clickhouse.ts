// A real ClickHouse server for the project's own tests (not shipped): Debian's clickhouse-server
// on a free loopback port, its config, users and data in a temporary directory, killed after.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLICKHOUSE_BIN = process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';

/** The users of the test server: DataLens's as the partner guide wants it, and the wrong setups the audit must flag. */
export const CH_USERS = {
  /** Setup only (creates the client databases). */
  admin: { username: 'default', password: 'admin-pw', readonly: 0 },
  datalens: { username: 'datalens', password: 'dl-secret-pw', readonly: 2 },
  /** readonly = 0: DataLens could write. */
  writer: { username: 'writer', password: 'writer-secret-pw', readonly: 0 },
  /** readonly = 1: refuses the settings DataLens sets. */
  strict: { username: 'datalens_ro1', password: 'ro1-secret-pw', readonly: 1 },
} as const;
export type ChUser = keyof typeof CH_USERS;

/** Two clients' databases with rows (client_b's rows must never reach client_a's charts). */
export const CH_FIXTURE = `
CREATE DATABASE client_a;
CREATE DATABASE client_b;
CREATE TABLE client_a.sales (region String, amount Float64, owner String) ENGINE = Memory;
INSERT INTO client_a.sales VALUES ('North', 10, 'A'), ('South', 20, 'A'), ('East', 30, 'A');
CREATE TABLE client_a.only_a (x UInt8) ENGINE = Memory;
INSERT INTO client_a.only_a VALUES (1);
CREATE TABLE client_b.sales (region String, amount Float64, owner String) ENGINE = Memory;
INSERT INTO client_b.sales VALUES ('North', 999, 'B'), ('West', 777, 'B');
CREATE TABLE client_b.secrets_b (secret String) ENGINE = Memory;
INSERT INTO client_b.secrets_b VALUES ('B-only');
`;

export interface TestClickHouse {
  /** http://127.0.0.1:PORT, no credentials. */
  url: string;
  /** `http://USER:PASSWORD@127.0.0.1:PORT` for one of CH_USERS. */
  urlFor(user: ChUser): string;
  /** Milliseconds from spawn to the first `GET /ping` answering Ok. */
  startMs: number;
  /** Runs statements (separated by `;` at line ends) as the admin user; returns the text answer. */
  admin(sql: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function configXml(dir: string, httpPort: number): string {
  // No tcp_port and no interserver port: only the HTTP interface listens. Small caches, no query log.
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>1048576</mark_cache_size>
  <uncompressed_cache_size>1048576</uncompressed_cache_size>
  <max_concurrent_queries>32</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
</yandex>
`;
}

function usersXml(): string {
  const users = Object.values(CH_USERS)
    .map(
      (u) =>
        `    <${u.username}><password>${xml(u.password)}</password><networks><ip>127.0.0.1</ip></networks><profile>ro${u.readonly}</profile><quota>default</quota></${u.username}>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><log_queries>0</log_queries><max_memory_usage>200000000</max_memory_usage></default>
    <ro0><log_queries>0</log_queries></ro0>
    <ro1><log_queries>0</log_queries><readonly>1</readonly></ro1>
    <ro2><log_queries>0</log_queries><readonly>2</readonly></ro2>
  </profiles>
  <users>
${users}
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
}

/**
 * Starts clickhouse-server and loads CH_FIXTURE. Fails with a message that says how to install
 * the server when it is missing: tests that need it are never skipped.
 */
export async function startClickHouse(o: { fixture?: string; timeoutMs?: number; bin?: string } = {}): Promise<TestClickHouse> {
  const bin = o.bin ?? CLICKHOUSE_BIN;
  if (!existsSync(bin)) {
    throw new Error(
      `clickhouse-server is not installed (${bin} is missing). These tests run a real ClickHouse: install it with ` +
        '`bash scripts/install-system-deps.sh` (Debian package clickhouse-server), or set CLICKHOUSE_SERVER to its path.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'dlmock-clickhouse-'));
  const port = await freePort();
  writeFileSync(join(dir, 'config.xml'), configXml(dir, port));
  writeFileSync(join(dir, 'users.xml'), usersXml());
  const started = performance.now();
  const child: ChildProcess = spawn(bin, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server exited with ${child.exitCode} before answering /ping:\n${stderr}`);
    }
    const ok = await fetch(`${url}/ping`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer ${url}/ping within ${o.timeoutMs ?? 20_000} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = Math.round(performance.now() - started);

  const { username, password } = CH_USERS.admin;
  const admin = async (sql: string): Promise<string> => {
    let out = '';
    for (const stmt of sql.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, '')).filter(Boolean)) {
      const res = await fetch(`${url}/?user=${username}&password=${password}`, { method: 'POST', body: stmt });
      const text = await res.text();
      if (!res.ok) throw new Error(`ClickHouse refused ${stmt}: ${text}`);
      out += text;
    }
    return out;
  };
  await admin(o.fixture ?? CH_FIXTURE);
  return {
    url,
    urlFor: (user) => `http://${CH_USERS[user].username}:${encodeURIComponent(CH_USERS[user].password)}@127.0.0.1:${port}`,
    startMs,
    admin,
    stop,
  };
}
