import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { ClientDatabases, UNASSIGNED } from '../partner/databases.js';
import { checkSqliteSql as checkPartnerSql } from './sqlite.js';

const A_ROWS = [
  { region: 'North', amount: 10, owner: 'A' },
  { region: 'South', amount: 20, owner: 'A' },
];
const B_ROWS = [{ region: 'North', amount: 999, owner: 'B' }];

async function reason(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof MockError) return e.reason;
    throw e;
  }
  return 'accepted';
}

/** A client database of one connector (the connector's own; see the last block for two connectors). */
const CONNECTOR = 'connectora001';
const db = (dbName: string) => ({ connectorId: CONNECTOR, dbName });

const tmp = mkdtempSync(join(tmpdir(), 'dlmock-partner-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ['in memory', () => new ClientDatabases({ dataDir: tmp, inMemory: true })],
  ['in files', () => new ClientDatabases({ dataDir: join(tmp, `d${Math.random()}`), inMemory: false })],
])('client databases %s', (_mode, make) => {
  const dbs = make();
  dbs.putTable(db('client_a'), 'sales', A_ROWS);
  dbs.putTable(db('client_a'), 'only_a', [{ x: 1 }]);
  dbs.putTable(db('client_b'), 'sales', B_ROWS);
  dbs.putTable(db('client_b'), 'secrets_b', [{ secret: 'B-only' }]);
  const runA = (sql: string, params: Record<string, unknown> = {}) => dbs.runner(db('client_a')).run(sql, params);

  it("reads only the connection's own database", async () => {
    expect(await runA('SELECT region, amount, owner FROM sales ORDER BY amount')).toEqual({
      columns: ['region', 'amount', 'owner'],
      rows: [
        ['North', 10, 'A'],
        ['South', 20, 'A'],
      ],
    });
  });

  it('binds params by name; a missing param is NULL; an array is JSON text (dl_in works)', async () => {
    expect((await runA('SELECT amount FROM sales WHERE region = :region', { region: 'South' })).rows).toEqual([[20]]);
    expect((await runA('SELECT :nothing AS v')).rows).toEqual([[null]]);
    expect((await runA('SELECT count(*) FROM sales WHERE dl_in(region, :r)', { r: ['North', 'South'] })).rows).toEqual([[2]]);
    expect((await runA('SELECT count(*) FROM sales WHERE dl_in(region, @r)', {})).rows).toEqual([[2]]);
  });

  it("never returns another client's rows, whatever the SQL names", async () => {
    expect(await reason(() => runA('SELECT * FROM secrets_b'))).toBe('INVALID_SQL');
    expect(await reason(() => runA('SELECT * FROM client_b.sales'))).toBe('INVALID_SQL');
    expect(await reason(() => runA('SELECT * FROM main.secrets_b'))).toBe('INVALID_SQL');
    const all = await runA("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'");
    expect(String(all.rows[0][0]).split(',').sort()).toEqual(['only_a', 'sales']);
    expect((await runA('SELECT DISTINCT owner FROM sales')).rows).toEqual([['A']]);
  });

  it.each([
    ["ATTACH of another client's file", "ATTACH DATABASE 'client_b.sqlite' AS b"],
    ['ATTACH of an in-memory database', "ATTACH ':memory:' AS m"],
    ['DETACH', 'DETACH main'],
    ['INSERT', "INSERT INTO sales VALUES ('X', 1, 'A')"],
    ['UPDATE', 'UPDATE sales SET amount = 0'],
    ['DELETE', 'DELETE FROM sales'],
    ['DROP TABLE', 'DROP TABLE sales'],
    ['CREATE TABLE', 'CREATE TABLE t (a)'],
    ['CREATE TEMP TABLE', 'CREATE TEMP TABLE t (a)'],
    ['a write with RETURNING (a statement that returns rows)', "INSERT INTO sales VALUES ('X', 1, 'A') RETURNING *"],
    ['PRAGMA query_only = OFF', 'PRAGMA query_only = OFF'],
    ['PRAGMA writable_schema', 'PRAGMA writable_schema = ON'],
    ['BEGIN', 'BEGIN'],
    ['VACUUM INTO another file', "VACUUM INTO 'stolen.sqlite'"],
  ])('refuses %s with PARTNER_SQL_FORBIDDEN', async (_name, sql) => {
    expect(await reason(() => runA(sql))).toBe('PARTNER_SQL_FORBIDDEN');
    expect((await runA('SELECT count(*) FROM sales')).rows).toEqual([[2]]);
  });

  it('refuses, by its query plan, a SELECT that reads a database other than main (temp)', async () => {
    expect(await reason(() => runA('SELECT * FROM temp.sqlite_schema'))).toBe('PARTNER_SQL_FORBIDDEN');
  });

  it('refuses two statements in one (the second could ATTACH)', async () => {
    expect(await reason(() => runA("SELECT 1; ATTACH ':memory:' AS m"))).toBe('INVALID_SQL');
  });

  it('refuses load_extension (disabled in the SQL of every connection)', async () => {
    expect(await reason(() => runA("SELECT load_extension('/tmp/x')"))).toBe('INVALID_SQL');
  });

  it('reads an unknown client database as empty', async () => {
    expect(dbs.listTables(db('client_nobody'))).toEqual([]);
    expect(await reason(() => dbs.runner(db('client_nobody')).run('SELECT * FROM sales', {}))).toBe('INVALID_SQL');
  });

  it('sees a reloaded table at once', async () => {
    dbs.putTable(db('client_a'), 'only_a', [{ x: 2 }, { x: 3 }]);
    expect((await runA('SELECT sum(x) FROM only_a')).rows).toEqual([[5]]);
    expect(dbs.listTables(db('client_a'))).toEqual([
      { name: 'only_a', rows: 2 },
      { name: 'sales', rows: 2 },
    ]);
  });

  it('refuses bad names and empty rows', async () => {
    expect(await reason(() => dbs.putTable(db('../escape'), 't', [{ a: 1 }]))).toBe('INVALID_BODY');
    expect(await reason(() => dbs.putTable(db('client_a'), 'sqlite_master', [{ a: 1 }]))).toBe('INVALID_BODY');
    expect(await reason(() => dbs.putTable(db('client_a'), 'bad name', [{ a: 1 }]))).toBe('INVALID_BODY');
    expect(await reason(() => dbs.putTable(db('client_a'), 't', []))).toBe('INVALID_BODY');
  });

  it('stops a runaway query at the row cap', async () => {
    const sql = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n';
    expect(await reason(() => runA(sql))).toBe('PARTNER_RESULT_TOO_LARGE');
  });

  it('reset deletes every client database', () => {
    dbs.reset();
    expect(dbs.listTables(db('client_a'))).toEqual([]);
    dbs.close();
  });
});

describe('files on disk', () => {
  it('keeps one SQLite file per connector and db_name under partner-databases/<connectorId>/', async () => {
    const dir = join(tmp, 'files');
    const dbs = new ClientDatabases({ dataDir: dir, inMemory: false });
    dbs.putTable(db('client_1'), 't', [{ a: 1 }]);
    dbs.putTable(db('client-2'), 't', [{ a: 2 }]);
    dbs.close();
    expect(readdirSync(join(dir, 'partner-databases'))).toEqual([CONNECTOR]);
    expect(readdirSync(join(dir, 'partner-databases', CONNECTOR)).sort()).toEqual(['client-2.sqlite', 'client_1.sqlite']);
    const again = new ClientDatabases({ dataDir: dir, inMemory: false });
    expect((await again.runner(db('client_1')).run('SELECT a FROM t', {})).rows).toEqual([[1]]);
    again.close();
  });

  it('gives the databases loaded before any connector to the first one, on disk', async () => {
    const dir = join(tmp, 'unassigned');
    const dbs = new ClientDatabases({ dataDir: dir, inMemory: false });
    dbs.putTable({ connectorId: UNASSIGNED, dbName: 'client_early' }, 't', [{ a: 'early' }]);
    expect(dbs.listTables(db('client_early'))).toEqual([]);
    dbs.adoptUnassigned(CONNECTOR);
    expect((await dbs.runner(db('client_early')).run('SELECT a FROM t', {})).rows).toEqual([['early']]);
    expect(readdirSync(join(dir, 'partner-databases'))).toEqual([CONNECTOR]);
    dbs.close();
  });

  it("moves the connector-less files of 0.1.0 to the data dir's only connector, and leaves them when there are several", async () => {
    const dir = join(tmp, 'legacy');
    mkdirSync(join(dir, 'partner-databases'), { recursive: true });
    const legacy = new Database(join(dir, 'partner-databases', 'client_old.sqlite'));
    legacy.exec("CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('kept')");
    legacy.close();
    const dbs = new ClientDatabases({ dataDir: dir, inMemory: false });
    expect(dbs.adoptUnscoped([CONNECTOR, 'connectorb002'])).toEqual(['client_old.sqlite']);
    expect(dbs.listTables(db('client_old'))).toEqual([]);
    expect(dbs.adoptUnscoped([CONNECTOR])).toEqual([]);
    expect((await dbs.runner(db('client_old')).run('SELECT a FROM t', {})).rows).toEqual([['kept']]);
    dbs.close();
  });
});

describe.each([
  ['in memory', (dir: string) => new ClientDatabases({ dataDir: dir, inMemory: true })],
  ['in files', (dir: string) => new ClientDatabases({ dataDir: dir, inMemory: false })],
])('two connectors with the same db_name (%s)', (_mode, make) => {
  const dbs = make(join(tmp, `two${Math.random()}`));
  const acme = (connectorId: string) => ({ connectorId, dbName: 'client_acme' });
  dbs.putTable(acme('connectorshp1'), 'orders', [{ who: 'shop' }]);
  dbs.putTable(acme('connectorbnk2'), 'orders', [{ who: 'bank' }]);

  it("do not see each other's rows: each reads its own client_acme", async () => {
    expect((await dbs.runner(acme('connectorshp1')).run('SELECT who FROM orders', {})).rows).toEqual([['shop']]);
    expect((await dbs.runner(acme('connectorbnk2')).run('SELECT who FROM orders', {})).rows).toEqual([['bank']]);
  });

  it("a third connector's client_acme is empty, not either of theirs", () => {
    expect(dbs.listTables(acme('connectoremp3'))).toEqual([]);
  });

  it('keeps them apart in a snapshot and its restore', async () => {
    const image = dbs.snapshot();
    if (image) {
      expect([...image.keys()].sort()).toEqual(['connectorbnk2/client_acme', 'connectorshp1/client_acme']);
      dbs.restore(image);
      expect((await dbs.runner(acme('connectorbnk2')).run('SELECT who FROM orders', {})).rows).toEqual([['bank']]);
    }
  });

  it('refuses a connector ID that is not one (it names a folder)', async () => {
    expect(await reason(() => dbs.putTable({ connectorId: '../escape000', dbName: 'client_acme' }, 't', [{ a: 1 }]))).toBe('INVALID_BODY');
  });
});

describe('checkPartnerSql (template charts, before any data exists)', () => {
  it.each([
    ['a SELECT on tables that do not exist yet', 'SELECT region, sum(amount) FROM sales GROUP BY region', 'accepted'],
    ['dl_in', 'SELECT * FROM sales WHERE dl_in(region, :region)', 'accepted'],
    ['a join with aliases', 'SELECT s.amount, u.name FROM sales s JOIN users u ON u.id = s.user_id WHERE s.region = :r', 'accepted'],
    ['a CTE', 'WITH x AS (SELECT region FROM sales) SELECT count(*) FROM x', 'accepted'],
    ['a syntax error', 'SELEC 1', 'INVALID_SQL'],
    ['an unknown function', 'SELECT nope(region) FROM sales', 'INVALID_SQL'],
    ['DELETE on a table not loaded yet', 'DELETE FROM sales', 'PARTNER_SQL_FORBIDDEN'],
    ['UPDATE on a column not loaded yet', 'UPDATE sales SET amount = 0 WHERE region = :r', 'PARTNER_SQL_FORBIDDEN'],
    ['INSERT … SELECT', 'INSERT INTO copy SELECT * FROM sales', 'PARTNER_SQL_FORBIDDEN'],
    ['ATTACH', "ATTACH ':memory:' AS x", 'PARTNER_SQL_FORBIDDEN'],
    ['PRAGMA', 'PRAGMA query_only = 0', 'PARTNER_SQL_FORBIDDEN'],
  ])('%s → %s', async (_name, sql, expected) => {
    expect(await reason(() => checkPartnerSql(sql))).toBe(expected);
  });
});
