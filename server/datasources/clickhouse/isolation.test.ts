// Isolation of free-SQL ClickHouse charts, proven on a real 18.16 server (the lexer guard) and on
// 26.x in process (chdb; the server's own parser decides): every route out of the connection's
// database is refused, the same query shape inside it works, and client_b's rows never appear.
import { beforeAll, describe, expect, it } from 'vitest';
import { MockError } from '../../errors/catalogue.js';
import { chdbCluster, chdbExec } from '../../testing/chdb.js';
import { CH_FIXTURE } from '../../testing/clickhouse.js';
import { useClickHouseRunner } from '../../testing/clickhouse-runner.js';
import type { TableData } from '../types.js';
import { ClickHouseRunner } from './runner.js';

const fx = useClickHouseRunner();

/** Anything of client_b's: its owner mark, its amounts, its secret. */
const B_MARKS = ['B', 'B-only', 999, 777, 'West'];
const leaksB = (t: TableData) => t.rows.some((r) => r.some((v) => B_MARKS.includes(v as never)));

/** client_a's connection on ClickHouse 26.x (chdb), loaded with the same fixture. */
const runner26 = new ClickHouseRunner(chdbCluster(), 'client_a', 'chdb (ClickHouse 26.x)');
beforeAll(() => chdbExec(`DROP DATABASE IF EXISTS client_a;\nDROP DATABASE IF EXISTS client_b;\n${CH_FIXTURE}`));

async function outcome(sql: string, runner: ClickHouseRunner = fx.runner): Promise<{ reason: string; status: number; message: string } | TableData> {
  try {
    return await runner.run(sql, {});
  } catch (e) {
    if (e instanceof MockError) return { reason: e.reason, status: e.status, message: e.message };
    throw e;
  }
}

// Each row: a route out of client_a, and the reason it is refused with. Written as a chart author could.
const REFUSED: [string, string, string][] = [
  ['a qualified name', 'SELECT * FROM client_b.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified name in backticks', 'SELECT * FROM `client_b`.`sales`', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified name in double quotes', 'SELECT * FROM "client_b"."sales"', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified name with an escape in the quotes', 'SELECT * FROM `client\\_b`.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified name split by a comment', 'SELECT * FROM client_b/* x */.  sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified name in another case', 'SELECT * FROM CLIENT_B.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a qualified column', 'SELECT client_b.sales.region FROM sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a JOIN', 'SELECT region, amount FROM sales ALL INNER JOIN client_b.sales USING region', 'PARTNER_SQL_FORBIDDEN'],
  ['a subquery in FROM', 'SELECT * FROM (SELECT * FROM client_b.secrets_b)', 'PARTNER_SQL_FORBIDDEN'],
  ['a subquery in IN', 'SELECT * FROM sales WHERE region IN (SELECT region FROM client_b.sales)', 'PARTNER_SQL_FORBIDDEN'],
  ['IN a table', 'SELECT * FROM sales WHERE region IN client_b.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a scalar subquery', 'SELECT (SELECT any(secret) FROM client_b.secrets_b) AS s', 'PARTNER_SQL_FORBIDDEN'],
  ['UNION ALL', 'SELECT region FROM sales UNION ALL SELECT region FROM client_b.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['system.tables', 'SELECT database, name FROM system.tables', 'PARTNER_SQL_FORBIDDEN'],
  ['system.databases', 'SELECT name FROM system.databases', 'PARTNER_SQL_FORBIDDEN'],
  ['system.numbers (still the system database)', 'SELECT number FROM system.numbers LIMIT 1', 'PARTNER_SQL_FORBIDDEN'],
  ['system in backticks', 'SELECT * FROM `system`.`one`', 'PARTNER_SQL_FORBIDDEN'],
  ['information_schema', 'SELECT * FROM information_schema.tables', 'PARTNER_SQL_FORBIDDEN'],
  ['INFORMATION_SCHEMA', 'SELECT * FROM INFORMATION_SCHEMA.TABLES', 'PARTNER_SQL_FORBIDDEN'],
  ['the default database', 'SELECT * FROM default.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['remote() with names', "SELECT * FROM remote('127.0.0.1', client_b, sales)", 'PARTNER_SQL_FORBIDDEN'],
  ['remote() with strings', "SELECT * FROM remote('127.0.0.1', 'client_b', 'sales')", 'PARTNER_SQL_FORBIDDEN'],
  ['remoteSecure()', "SELECT * FROM remoteSecure('127.0.0.1', 'client_b', 'sales')", 'PARTNER_SQL_FORBIDDEN'],
  ['cluster()', "SELECT * FROM cluster('test_shard_localhost', 'client_b', 'sales')", 'PARTNER_SQL_FORBIDDEN'],
  ['clusterAllReplicas()', "SELECT * FROM clusterAllReplicas('c', 'client_b', 'sales')", 'PARTNER_SQL_FORBIDDEN'],
  ['merge()', "SELECT * FROM merge('client_b', '.*')", 'PARTNER_SQL_FORBIDDEN'],
  ['url()', "SELECT * FROM url('http://127.0.0.1:1/', CSV, 'a String')", 'PARTNER_SQL_FORBIDDEN'],
  ['file()', "SELECT * FROM file('data.csv', CSV, 'a String')", 'PARTNER_SQL_FORBIDDEN'],
  ['s3()', "SELECT * FROM s3('http://x/y.csv', CSV, 'a String')", 'PARTNER_SQL_FORBIDDEN'],
  ['mysql()', "SELECT * FROM mysql('h:3306', 'd', 't', 'u', 'p')", 'PARTNER_SQL_FORBIDDEN'],
  ['jdbc()', "SELECT * FROM jdbc('x', 'd', 't')", 'PARTNER_SQL_FORBIDDEN'],
  ['input()', "SELECT * FROM input('a String')", 'PARTNER_SQL_FORBIDDEN'],
  ['a table function in a JOIN', "SELECT * FROM sales ALL INNER JOIN merge('client_b', 'sales') USING region", 'PARTNER_SQL_FORBIDDEN'],
  ['an unknown table function after a comma', 'SELECT * FROM sales, someNewTableFunction(1)', 'PARTNER_SQL_FORBIDDEN'],
  ['an unknown table function after IN', 'SELECT * FROM sales WHERE region IN someNewTableFunction(1)', 'PARTNER_SQL_FORBIDDEN'],
  ['a table function in a subquery', "SELECT * FROM sales WHERE region IN (SELECT region FROM merge('client_b', '.*'))", 'PARTNER_SQL_FORBIDDEN'],
  ['dictGet', "SELECT dictGetString('d', 'a', toUInt64(1))", 'PARTNER_SQL_FORBIDDEN'],
  ['joinGet', "SELECT joinGet('client_b.j', 'v', 1)", 'PARTNER_SQL_FORBIDDEN'],
  ['hasColumnInTable', "SELECT hasColumnInTable('client_b', 'sales', 'region')", 'PARTNER_SQL_FORBIDDEN'],
  ['file() as a function', "SELECT file('users.xml')", 'PARTNER_SQL_FORBIDDEN'],
  ['SETTINGS', 'SELECT * FROM sales SETTINGS max_result_rows = 0', 'PARTNER_SQL_FORBIDDEN'],
  ['SETTINGS in a subquery', 'SELECT * FROM (SELECT * FROM sales SETTINGS readonly = 0)', 'PARTNER_SQL_FORBIDDEN'],
  ['FORMAT', 'SELECT * FROM sales FORMAT TSV', 'PARTNER_SQL_FORBIDDEN'],
  ['INTO OUTFILE', "SELECT * FROM sales INTO OUTFILE 'x.tsv'", 'PARTNER_SQL_FORBIDDEN'],
  ['two statements', 'SELECT 1; SELECT * FROM client_b.sales', 'PARTNER_SQL_FORBIDDEN'],
  ['USE then SELECT', 'USE client_b; SELECT * FROM sales', 'PARTNER_SQL_FORBIDDEN'],
  ['a heredoc that hides a quote from an older reading', "SELECT $$'$$, * FROM client_b.sales -- '", 'INVALID_SQL'],
  ['a nested comment that hides a quote', "SELECT 1 /* /* */ ' */ FROM client_b.sales -- '", 'INVALID_SQL'],
  ['a Unicode space that newer servers skip', 'SELECT * FROM\u00a0client_b.secrets_b', 'INVALID_SQL'],
  // The four ways the lexer guard once disagreed with ClickHouse's parser:
  ['merge() in back quotes', "SELECT * FROM `merge`('client_b', '^s')", 'PARTNER_SQL_FORBIDDEN'],
  ['file() in double quotes', 'SELECT "file"(\'users.xml\')', 'PARTNER_SQL_FORBIDDEN'],
  ['url() in back quotes', "SELECT * FROM `url`('http://127.0.0.1:1/', CSV, 'a String')", 'PARTNER_SQL_FORBIDDEN'],
  ['remote() in back quotes', "SELECT * FROM `remote`('127.0.0.1', 'client_b', 'secrets_b')", 'PARTNER_SQL_FORBIDDEN'],
  ['hasColumnInTable() in back quotes', "SELECT `hasColumnInTable`('client_b', 'secrets_b', 'secret')", 'PARTNER_SQL_FORBIDDEN'],
  ['\\x63 in a quoted database name', 'SELECT * FROM `\\x63lient_b`.secrets_b', 'PARTNER_SQL_FORBIDDEN'],
  ['\\x73ystem in a quoted database name', 'SELECT name FROM `\\x73ystem`.databases', 'PARTNER_SQL_FORBIDDEN'],
  ['\\N in a quoted name', 'SELECT * FROM `client\\N_b`.secrets_b', 'PARTNER_SQL_FORBIDDEN'],
  ["the runner's own query parameters naming a database", 'SELECT * FROM {dl_p0: Identifier}.{dl_p1: Identifier}', 'PARTNER_SQL_FORBIDDEN'],
  ['a database name starting with a digit', 'SELECT * FROM 2024client.t', 'PARTNER_SQL_FORBIDDEN'],
  ['a function not on the allowlist', 'SELECT sleep(3)', 'PARTNER_SQL_FORBIDDEN'],
];

const WRITES: [string, string][] = [
  ['INSERT', "INSERT INTO sales VALUES ('X', 1, 'A')"],
  ['INSERT INTO FUNCTION', "INSERT INTO FUNCTION file('x.csv', CSV, 'a String') VALUES ('x')"],
  ['INSERT … SELECT from a WITH', "WITH 1 AS x INSERT INTO sales SELECT 'X', 1, 'A'"],
  ['CREATE TABLE', 'CREATE TABLE t (a UInt8) ENGINE = Memory'],
  ['CREATE TABLE … AS SELECT', 'CREATE TABLE t ENGINE = Memory AS SELECT * FROM client_b.sales'],
  ['DROP TABLE', 'DROP TABLE sales'],
  ['ALTER … DELETE', 'ALTER TABLE sales DELETE WHERE 1'],
  ['TRUNCATE', 'TRUNCATE TABLE sales'],
  ['OPTIMIZE', 'OPTIMIZE TABLE sales'],
  ['RENAME', 'RENAME TABLE sales TO s2'],
  ['ATTACH', 'ATTACH TABLE sales'],
  ['DETACH', 'DETACH TABLE sales'],
  ['SET', 'SET readonly = 0'],
  ['SYSTEM', 'SYSTEM DROP MARK CACHE'],
  ['KILL', 'KILL QUERY WHERE 1'],
  ['a SELECT followed by a DROP', 'SELECT 1; DROP TABLE sales'],
];

// The same shapes inside the connection's own database: they work, and show client_a's rows only.
const WORKS: [string, string, (t: TableData) => void][] = [
  ['an unqualified table', 'SELECT owner FROM sales', (t) => expect(t.rows.length).toBe(3)],
  ['its own qualified name', 'SELECT owner FROM client_a.sales', (t) => expect(t.rows.length).toBe(3)],
  ['its own name in backticks', 'SELECT owner FROM `client_a`.`sales`', (t) => expect(t.rows.length).toBe(3)],
  ['a JOIN of its own tables', 'SELECT region, x FROM sales ALL INNER JOIN (SELECT 1 AS x, \'North\' AS region) AS j USING region', (t) => expect(t.rows).toEqual([['North', 1]])],
  ['a subquery', 'SELECT count() FROM (SELECT * FROM client_a.sales)', (t) => expect(t.rows).toEqual([[3]])],
  ['a subquery in IN', "SELECT region FROM sales WHERE region IN (SELECT region FROM sales WHERE owner = 'A') ORDER BY region", (t) => expect(t.rows.length).toBe(3)],
  ['UNION ALL', 'SELECT owner FROM sales UNION ALL SELECT owner FROM client_a.sales', (t) => expect(t.rows.length).toBe(6)],
  ['numbers()', 'SELECT count() FROM numbers(10)', (t) => expect(t.rows).toEqual([[10]])],
  ['numbers() after a JOIN', 'SELECT count() FROM numbers(3) AS a ALL INNER JOIN (SELECT number FROM numbers(2)) AS b USING number', (t) => expect(t.rows).toEqual([[2]])],
  ['a database name inside a string', "SELECT 'client_b.sales' AS s", (t) => expect(t.rows).toEqual([['client_b.sales']])],
  ['a database name inside a comment', 'SELECT owner FROM sales -- client_b.sales', (t) => expect(t.rows.length).toBe(3)],
  ['a backslash-escaped quote that keeps the name in the string', "SELECT 'a\\' FROM client_b.sales -- ' AS s", (t) => expect(t.rows).toEqual([["a' FROM client_b.sales -- "]])],
  ['EXTRACT(… FROM …) is not a FROM list', "SELECT EXTRACT(YEAR FROM toDate('2024-05-06')) AS y", (t) => expect(t.rows).toEqual([[2024]])],
  ['IN a tuple(…)', "SELECT count() FROM sales WHERE region IN tuple('North', 'South')", (t) => expect(t.rows).toEqual([[2]])],
  ['a trailing semicolon', 'SELECT count() FROM sales;', (t) => expect(t.rows).toEqual([[3]])],
];

describe('ClickHouse isolation (real server)', () => {
  it('the routes are real: the datalens user itself can read client_b from client_a', async () => {
    const r = await fx.cluster.query('SELECT secret FROM client_b.secrets_b', { database: 'client_a' });
    expect(r.data).toEqual([['B-only']]);
  });

  it.each(REFUSED)('refuses %s', async (_name, sql, reason) => {
    const o = await outcome(sql);
    expect(o).toMatchObject({ reason, status: 400 });
    expect('rows' in o).toBe(false);
  });

  it.each(WRITES)('refuses a write through a chart: %s', async (_name, sql) => {
    expect(await outcome(sql)).toMatchObject({ reason: 'PARTNER_SQL_FORBIDDEN', status: 400 });
  });

  it('wrote nothing: client_a and client_b are as loaded', async () => {
    expect(await fx.ch.admin('SELECT count() FROM client_a.sales')).toBe('3\n');
    expect(await fx.ch.admin("SELECT count() FROM system.tables WHERE database IN ('client_a', 'client_b')")).toBe('4\n');
  });

  it.each(WORKS)('allows %s in its own database', async (_name, sql, check) => {
    const o = await outcome(sql);
    expect('rows' in o, JSON.stringify(o)).toBe(true);
    const t = o as TableData;
    check(t);
    expect(leaksB(t)).toBe(false);
  });

  it('refuses at creation what it can know without the server, and the rest at run time', () => {
    expect(() => fx.runner.check('SELECT * FROM system.tables')).toThrow(expect.objectContaining({ reason: 'PARTNER_SQL_FORBIDDEN' }));
    expect(() => fx.runner.check("SELECT * FROM remote('h', 'd', 't')")).toThrow(expect.objectContaining({ reason: 'PARTNER_SQL_FORBIDDEN' }));
    expect(() => fx.runner.check('SELECT * FROM client_b.sales')).not.toThrow(); // client_b is known only to the cluster
  });

  it('sees a database created after the connection', async () => {
    await fx.ch.admin('CREATE DATABASE client_c;\nCREATE TABLE client_c.t (a UInt8) ENGINE = Memory');
    expect(await outcome('SELECT * FROM client_c.t')).toMatchObject({ reason: 'PARTNER_SQL_FORBIDDEN' });
  });
});

describe('ClickHouse isolation on 26.x (chdb: no grants, the server\'s parser decides)', () => {
  it.each(REFUSED)('refuses %s', async (_name, sql, reason) => {
    const o = await outcome(sql, runner26);
    expect(o).toMatchObject({ status: 400 });
    // A name the parse shows is no table (client_b.sales.region is a column to it) is left to the
    // server, which refuses it as SQL it cannot compile.
    expect([reason, 'INVALID_SQL']).toContain((o as { reason: string }).reason);
  });

  it.each(WRITES)('refuses a write through a chart: %s', async (_name, sql) => {
    expect(await outcome(sql, runner26)).toMatchObject({ reason: 'PARTNER_SQL_FORBIDDEN', status: 400 });
  });

  it.each(WORKS)('allows %s in its own database', async (_name, sql, check) => {
    const o = await outcome(sql, runner26);
    expect('rows' in o, JSON.stringify(o)).toBe(true);
    check(o as TableData);
    expect(leaksB(o as TableData)).toBe(false);
  });

  it('wrote nothing', async () => {
    expect((await chdbCluster().query('SELECT count() FROM client_a.sales')).data).toEqual([[3]]);
  });
});
