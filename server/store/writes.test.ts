import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { IDS, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';
import { countWrites, ReadCache } from './writes.js';

describe('the store write counter', () => {
  const db = new Database(':memory:');
  const version = countWrites(db);
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  const select = db.prepare<[string], { v: string }>('SELECT v FROM t WHERE k = ?');
  afterAll(() => db.close());

  it('moves on every write and stays on reads', () => {
    const v0 = version();
    insert.run('a', '1');
    const v1 = version();
    expect(v1).toBeGreaterThan(v0);
    select.get('a');
    db.prepare('SELECT * FROM t').all();
    expect(version()).toBe(v1);
    db.prepare('UPDATE t SET v = ? RETURNING v').get('2');
    expect(version()).toBeGreaterThan(v1);
  });

  it('moves when a transaction ends, rolled back too, so a read made inside it is not kept', () => {
    const cache = new ReadCache<string | undefined>(version);
    const read = (k: string) => select.get(k)?.v;
    expect(() =>
      db.transaction(() => {
        insert.run('b', 'uncommitted');
        expect(cache.get('b', read)).toBe('uncommitted');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(cache.get('b', read)).toBeUndefined();
    db.transaction(() => insert.run('b', 'committed')).immediate();
    expect(cache.get('b', read)).toBe('committed');
  });

  it('a cache answers from memory until the next write', () => {
    const cache = new ReadCache<string | undefined>(version);
    let reads = 0;
    const read = (k: string) => (reads++, select.get(k)?.v);
    insert.run('c', 'x');
    expect(cache.get('c', read)).toBe('x');
    expect(cache.get('c', read)).toBe('x');
    expect(cache.get('missing', read)).toBeUndefined();
    expect(cache.get('missing', read)).toBeUndefined();
    expect(reads).toBe(2);
    db.exec("UPDATE t SET v = 'y' WHERE k = 'c'");
    expect(cache.get('c', read)).toBe('y');
    expect(reads).toBe(3);
  });
});

const run = (mock: Awaited<ReturnType<typeof makeApp>>, token: string, prefix = '') =>
  request(httpOf(mock)).post(`${prefix}/api/run`).set('x-dl-embed-token', token).send({});

describe('the gateway lookups cached per embed and entry', () => {

  it('a write after a cached read is seen by the next request', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const token = await tokenFor(IDS.chartEmbed);
    expect((await run(mock, token)).status).toBe(200);
    expect((await run(mock, token)).body.widgetConfig.enableExport).toBe(false);
    await http().post('/rpc/updateEmbed').send({ embedId: IDS.chartEmbed, settings: { enableExport: true } }).expect(200);
    expect((await run(mock, token)).body.widgetConfig.enableExport).toBe(true);
    await http().post('/rpc/updateChart').send({ entryId: IDS.chart, title: 'Renamed', rows: [{ region: 'East', amount: 1 }] }).expect(200);
    const renamed = await run(mock, token);
    expect(renamed.body.config.title).toBe('Renamed');
    expect(renamed.body.data.rows).toEqual([['East', 1]]);
    await http().post('/rpc/deleteEmbed').send({ embedId: IDS.chartEmbed }).expect(200);
    const gone = await run(mock, token);
    expect(gone.status).toBe(404);
    expect(JSON.stringify(gone.body)).toContain('EMBED_NOT_EXISTS');
    // A reset puts the seeded embed back: the lookup sees it again.
    await http().post('/_mock/reset').expect(200);
    const after = await run(mock, token);
    expect(after.status).toBe(200);
    expect(after.body.widgetConfig.enableExport).toBe(false);
    expect(after.body.config.title).not.toBe('Renamed');
  });

  it('a namespace and its parent each see their own state', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const token = await tokenFor(IDS.chartEmbed);
    expect((await run(mock, token)).status).toBe(200);
    expect((await run(mock, token, '/_ns/w1')).status).toBe(200);
    await http().post('/_ns/w1/rpc/deleteEmbed').send({ embedId: IDS.chartEmbed }).expect(200);
    expect((await run(mock, token, '/_ns/w1')).status).not.toBe(200);
    expect((await run(mock, token)).status).toBe(200);
    await http().post('/rpc/updateChart').send({ entryId: IDS.chart, title: 'Parent only', rows: [{ region: 'East', amount: 1 }] }).expect(200);
    expect((await run(mock, token)).body.config.title).toBe('Parent only');
    await http().post('/_ns/w1/_mock/reset').expect(200);
    const child = await run(mock, token, '/_ns/w1');
    expect(child.status).toBe(200);
    expect(child.body.config.title).not.toBe('Parent only');
  });
});

describe('what the gateway remembers of a token', () => {
  it('decodes a token once, but checks its claims on every request against the clock of that moment', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const now = Math.floor(Date.now() / 1000);
    const token = await tokenFor(IDS.chartEmbed, { exp: now + 60 });
    expect((await run(mock, token)).status).toBe(200);
    expect((await run(mock, token)).status).toBe(200);
    expect(mock.ctx.keys.decoded.get(token)?.embedId).toBe(IDS.chartEmbed);
    expect(Object.isFrozen(mock.ctx.keys.decoded.get(token)?.payload)).toBe(true);
    await http().post('/_mock/clock').send({ now: now + 3600 }).expect(200);
    const expired = await run(mock, token);
    expect(expired.status).not.toBe(200);
    expect(JSON.stringify(expired.body)).toContain('TOKEN_EXPIRED');
    // A token that does not decode is refused the same way each time, and never remembered.
    for (let i = 0; i < 2; i++) expect((await run(mock, 'not.a-token')).status).toBe(400);
    expect(mock.ctx.keys.decoded.has('not.a-token')).toBe(false);
  });

  it('cuts a chart by its filter values each time, whatever was asked before', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const token = await tokenFor(IDS.chartEmbed);
    const rowsFor = async (params: object) => (await request(httpOf(mock)).post('/api/run').set('x-dl-embed-token', token).send({ params })).body.data.rows;
    const all = await rowsFor({});
    const north = await rowsFor({ region: 'North' });
    const south = await rowsFor({ region: 'South' });
    expect(north.length + south.length).toBe(all.length);
    expect(await rowsFor({ region: 'North' })).toEqual(north);
    expect(await rowsFor({ region: '' })).toEqual(all);
    expect(north).not.toEqual(south);
  });
});
