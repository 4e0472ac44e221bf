// Structured charts: the SQL the emulator writes for each engine, its refusals, and the same chart
// giving the same rows on SQLite and on ClickHouse 26.x (chdb), the demo's partner chart included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed } from '../seed/demo.js';
import { chdbCluster, chdbExec } from '../testing/chdb.js';
import { ClickHouseRunner } from './clickhouse/runner.js';
import { EmbeddedDatasource } from './embedded.js';
import { stringLiteral } from './clickhouse/compile.js';
import { runStructured } from './runner.js';
import { clickhouseDialect, sqliteDialect, writeStructuredSql, type StructuredQuery } from './structured.js';

const SALES = { name: 'sales', columns: ['region', 'amount', 'owner', 'my "col"'] };
const write = (q: StructuredQuery, dialect = clickhouseDialect, params: Record<string, unknown> = {}) => writeStructuredSql(q, SALES, params, dialect, 'client_a');

describe('the SQL written for a structured chart', () => {
  it.each([
    ['columns only', { table: 'sales', columns: ['region', 'owner'] }, 'SELECT `sales`.`region` AS `region`, `sales`.`owner` AS `owner` FROM `sales`'],
    [
      'an aggregate groups by the other columns',
      { table: 'sales', columns: ['region', { column: 'amount', aggregation: 'sum' }] },
      'SELECT `sales`.`region` AS `region`, sum(`sales`.`amount`) AS `amount` FROM `sales` GROUP BY `sales`.`region`',
    ],
    [
      'a filter, an order and a limit',
      { table: 'sales', columns: [{ column: 'owner', aggregation: 'countDistinct', as: 'owners' }], filters: [{ column: 'region', param: 'r' }], orderBy: [{ column: 'owners', direction: 'desc' }], limit: 5 },
      'SELECT uniqExact(`sales`.`owner`) AS `owners` FROM `sales` WHERE dl_in(`sales`.`region`, :dl_q0) ORDER BY `owners` DESC LIMIT 5',
    ],
  ] as [string, StructuredQuery, string][])('ClickHouse: %s', (_name, q, sql) => {
    expect(write(q).sql).toBe(sql);
  });

  it('SQLite quotes with double quotes (doubled inside) and spells COUNT(DISTINCT …)', () => {
    const w = write({ table: 'sales', columns: ['my "col"', { column: 'owner', aggregation: 'countDistinct' }], filters: [{ column: 'region', param: 'r' }] }, sqliteDialect, { r: ['North', ''] });
    expect(w.sql).toBe('SELECT "sales"."my ""col""" AS "my ""col""", COUNT(DISTINCT "sales"."owner") AS "owner" FROM "sales" WHERE dl_in("sales"."region", :dl_q0) GROUP BY "sales"."my ""col"""');
    expect(w.params).toEqual({ dl_q0: ['North'] });
  });

  it.each([
    ['a table the database lacks', () => writeStructuredSql({ table: 'nope', columns: ['a'] }, undefined, {}, clickhouseDialect, 'client_a'), /has no table "nope"/],
    ['a column the table lacks', () => write({ table: 'sales', columns: ['secret'] }), /no column "secret".*region, amount/],
    ['a filter on a column the table lacks', () => write({ table: 'sales', columns: ['region'], filters: [{ column: 'secret', param: 'p' }] }), /no column "secret"/],
    ['an output name given twice', () => write({ table: 'sales', columns: ['region', { column: 'owner', aggregation: 'min', as: 'region' }] }), /given twice/],
    ['an order by a column not in the output', () => write({ table: 'sales', columns: ['region'], orderBy: [{ column: 'amount' }] }), /not a column of the chart's output/],
    ['on ClickHouse, a name with a back quote', () => clickhouseDialect.quote('a`b'), /back quote/],
  ])('refuses %s with PARTNER_QUERY_INVALID', (_name, fn, says) => {
    expect(fn).toThrow(expect.objectContaining({ reason: 'PARTNER_QUERY_INVALID', status: 400 }));
    expect(fn).toThrow(says);
  });
});

describe('the same structured chart on SQLite and on ClickHouse 26.x', () => {
  const demo = demoSeed();
  // The demo's client_acme tables (in the partner section, or under its connector).
  type Tables = Record<string, Record<string, string | number>[]>;
  const partner = demo.partner as unknown as { databases?: Record<string, Tables>; connectors?: { databases?: Record<string, Tables> }[] };
  const acme = partner.databases?.client_acme ?? partner.connectors!.find((c) => c.databases?.client_acme)!.databases!.client_acme;
  const partnerChart = demo.workbooks![0].charts!.find((c) => c.query)!;
  // A SQLite database with the same tables, read by the same SqliteRunner a client database uses.
  const sqlite = new EmbeddedDatasource();
  const ch = new ClickHouseRunner(chdbCluster(), 'client_acme', 'chdb (ClickHouse 26.x)');

  beforeAll(() => {
    for (const [table, rows] of Object.entries(acme)) sqlite.putTable(table, rows);
    sqlite.putTable('sales', [
      { region: 'North', amount: 10, owner: 'A' },
      { region: 'South', amount: 20, owner: 'A' },
      { region: 'East', amount: 30, owner: 'B' },
    ]);
    const values = (rows: Record<string, string | number>[], cols: string[]) => rows.map((r) => `(${cols.map((c) => (typeof r[c] === 'number' ? r[c] : stringLiteral(String(r[c])))).join(', ')})`).join(', ');
    const orders = acme.orders;
    chdbExec(`DROP DATABASE IF EXISTS client_acme;
CREATE DATABASE client_acme;
CREATE TABLE client_acme.orders (month String, product String, qty Int64) ENGINE = Memory;
INSERT INTO client_acme.orders VALUES ${values(orders, ['month', 'product', 'qty'])};
CREATE TABLE client_acme.sales (region String, amount Float64, owner String) ENGINE = Memory;
INSERT INTO client_acme.sales VALUES ('North', 10, 'A'), ('South', 20, 'A'), ('East', 30, 'B');
`);
  });
  afterAll(() => sqlite.close());

  it("the demo's partner chart (by structure) gives the same rows on both", async () => {
    const q = partnerChart.query as StructuredQuery;
    const onSqlite = await runStructured(sqlite, q, {});
    const onClickHouse = await runStructured(ch, q, {});
    expect(onSqlite.rows.length).toBe(3);
    expect(onClickHouse).toEqual(onSqlite);
  });

  it.each([
    ['filtered by a list', { table: 'sales', columns: ['owner', { column: 'amount', aggregation: 'sum' }], filters: [{ column: 'region', param: 'r' }], orderBy: [{ column: 'owner' }] }, { r: ['North', 'East'] }, [['A', 10], ['B', 30]]],
    ['an empty filter keeps every row', { table: 'sales', columns: [{ column: 'region', aggregation: 'count', as: 'n' }], filters: [{ column: 'region', param: 'r' }] }, { r: '' }, [[3]]],
    ['a hostile value matches nothing', { table: 'sales', columns: ['region'], filters: [{ column: 'region', param: 'r' }] }, { r: "North' OR 1=1 --" }, []],
    ['min, max, avg and a limit', { table: 'sales', columns: [{ column: 'amount', aggregation: 'min', as: 'lo' }, { column: 'amount', aggregation: 'max', as: 'hi' }, { column: 'amount', aggregation: 'avg', as: 'mean' }], limit: 1 }, {}, [[10, 30, 20]]],
  ] as [string, StructuredQuery, Record<string, unknown>, unknown[][]][])('%s', async (_name, q, params, rows) => {
    expect((await runStructured(sqlite, q, params)).rows).toEqual(rows);
    expect((await runStructured(ch, q, params)).rows).toEqual(rows);
  });

  it('names what is missing on both: another client\'s table is not a table of this database', async () => {
    for (const runner of [sqlite, ch]) {
      await expect(runStructured(runner, { table: 'client_b.secrets_b', columns: ['secret'] }, {})).rejects.toMatchObject({ reason: 'PARTNER_QUERY_INVALID' });
      await expect(runStructured(runner, { table: 'sales', columns: ['secret'] }, {})).rejects.toMatchObject({ reason: 'PARTNER_QUERY_INVALID' });
    }
  });
});
