import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { basicSeed, makeApp, tokenFor } from '../testing/fixtures.js';
import { EmbeddedDatasource } from './embedded.js';
import { SQL_DEADLINE_MS } from './query-process.js';
import { SqliteRunner } from './sqlite.js';

/** Never ends on its own: counts upwards for ever, and answers one row at the end. */
const RUNAWAY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c';

const reasonOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e) => (e instanceof MockError ? e.reason : `unexpected: ${e}`));

describe('chart SQL on SQLite has a deadline', () => {
  const source = new EmbeddedDatasource();
  source.putTable('sales', [{ region: 'North', amount: 10 }, { region: 'South', amount: 20 }]);
  afterAll(() => source.close());

  it('a recursive CTE without an end is stopped with SQL_TIMEOUT, and a normal query answers meanwhile', async () => {
    const short = new SqliteRunner(() => (source as unknown as { db: never }).db, 'the embedded data source', 'INVALID_SQL', 1500);
    // Two query processes started (and warm) first: the test is about blocking, not start-up time.
    await Promise.all([source.run('SELECT 1', {}), source.run('SELECT 2', {})]);
    const order: string[] = [];
    const runaway = reasonOf(short.run(RUNAWAY, {})).then((r) => {
      order.push('runaway');
      return r;
    });
    const normal = source.run('SELECT region, amount FROM sales WHERE region = :region', { region: 'South' }).then((r) => {
      order.push('normal');
      return r;
    });
    expect(await normal).toEqual({ columns: ['region', 'amount'], rows: [['South', 20]] });
    expect(await runaway).toBe('SQL_TIMEOUT');
    expect(order).toEqual(['normal', 'runaway']);
    // The process that ran it is gone; the next query gets a fresh one.
    expect((await source.run('SELECT count(*) FROM sales', {})).rows).toEqual([[2]]);
  });

  it('sees every change of the data source (the query process gets the new content)', async () => {
    source.putTable('t', [{ a: 1 }]);
    expect((await source.run('SELECT sum(a) FROM t', {})).rows).toEqual([[1]]);
    source.putTable('t', [{ a: 1 }, { a: 2 }]);
    expect((await source.run('SELECT sum(a) FROM t', {})).rows).toEqual([[3]]);
    source.load([{ name: 't', rows: [{ a: 5 }] }]);
    expect((await source.run('SELECT sum(a) FROM t', {})).rows).toEqual([[5]]);
  });

  it('binds params and dl_in as before, and names SQL errors', async () => {
    source.putTable('sales', [{ region: 'North', amount: 10 }, { region: 'South', amount: 20 }]);
    expect((await source.run('SELECT count(*) FROM sales WHERE dl_in(region, :r)', { r: ['North', 'South'] })).rows).toEqual([[2]]);
    expect((await source.run('SELECT count(*) FROM sales WHERE dl_in(region, :r)', { r: [] })).rows).toEqual([[2]]);
    expect((await source.run('SELECT :missing AS v', {})).rows).toEqual([[null]]);
    expect(await reasonOf(source.run("SELECT json_extract('{', '$')", {}))).toBe('INVALID_SQL');
  });
});

describe('a runaway chart blocks no other request', () => {
  it(
    `POST /api/run of a runaway chart is 400 SQL_TIMEOUT after ${SQL_DEADLINE_MS / 1000} s; a normal run answers meanwhile`,
    async () => {
      const seed = basicSeed();
      const wb = seed.workbooks![0];
      seed.datasource = { tables: { sales: [{ region: 'North', amount: 10 }] } };
      wb.charts!.push({ key: 'slow', id: 'slowchart0001', title: 'Slow', visualization: 'table', sql: RUNAWAY });
      wb.embeds!.push({ key: 'se', id: 'slowembed0001', title: 'Slow embed', secret: 'k', entry: 'slow', publicParamsMode: false });
      const mock = await makeApp(seed);
      try {
        const started = Date.now();
        let normalAt = 0;
        const slow = request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor('slowembed0001')).send({});
        const slowDone = slow.then((r) => r);
        await new Promise((r) => setTimeout(r, 300));
        const normal = await request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor('testembed0001')).send({});
        normalAt = Date.now() - started;
        expect(normal.status).toBe(200);
        const r = await slowDone;
        const slowAt = Date.now() - started;
        expect(r.status).toBe(400);
        expect(r.body.mock.reason).toBe('SQL_TIMEOUT');
        expect(r.body.message).toContain(`longer than ${SQL_DEADLINE_MS / 1000} s`);
        expect(normalAt).toBeLessThan(slowAt);
      } finally {
        await mock.close();
      }
    },
    SQL_DEADLINE_MS * 4,
  );
});
