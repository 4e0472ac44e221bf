import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, makeApp, nowSec, tokenFor } from '../testing/fixtures.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp(undefined, { precedence: 'unsigned-wins' });
});
afterAll(() => mock.close());

describe('/_mock controls', () => {
  it('health is ok once seeded', async () => {
    expect((await request(mock.app).get('/_mock/health')).body).toEqual({ status: 'ok' });
  });

  it('the clock drives token expiry', async () => {
    // Signed a few seconds before the clock moves, on the real clock: judged by its iat after the move.
    const token = await tokenFor(IDS.chartEmbed, { iat: nowSec() - 5, exp: nowSec() + 55 });
    await request(mock.app).post('/_mock/clock').send({ now: nowSec() + 3600 }).expect(200);
    const expired = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});
    expect(expired.body.mock.reason).toBe('TOKEN_EXPIRED');
    const clock = await request(mock.app).post('/_mock/clock').send({ now: null });
    expect(clock.body.pinned).toBe(false);
    expect((await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({})).status).toBe(200);
  });

  it('settings change the precedence rule at run time', async () => {
    const token = await tokenFor(IDS.chartEmbed, { params: { region: 'South' } });
    const before = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({ params: { region: 'North' } });
    expect(before.body).toMatchObject({ precedence: 'unsigned-wins', params: { region: 'North' } });
    await request(mock.app).post('/_mock/settings').send({ precedence: 'signed-wins' }).expect(200);
    const after = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({ params: { region: 'North' } });
    expect(after.body).toMatchObject({ precedence: 'signed-wins', params: { region: 'South' } });
  });

  it('reset empties state, re-seeds, unpins the clock and restores the start settings', async () => {
    await request(mock.app).post('/rpc/createWorkbook').send({ title: 'extra' }).expect(200);
    await request(mock.app).post('/_mock/clock').send({ now: 1000 }).expect(200);
    await request(mock.app).post('/_mock/settings').send({ precedence: 'by-date', strict: true }).expect(200);
    await request(mock.app).post('/_mock/reset').expect(200);
    expect(mock.ctx.store.workbooks.list().map((w) => w.workbookId)).toEqual([IDS.workbook]);
    expect((await request(mock.app).get('/_mock/clock')).body.pinned).toBe(false);
    expect((await request(mock.app).get('/_mock/settings')).body).toMatchObject({ precedence: 'unsigned-wins', strict: false });
  });

  it('loads a data-source table that sql charts read', async () => {
    await request(mock.app).put('/_mock/datasource/tables/t1').send({ rows: [{ a: 1 }, { a: 2 }] }).expect(200);
    const chart = await request(mock.app).post('/rpc/createChart').send({ workbookId: IDS.workbook, title: 'sql', sql: 'SELECT SUM(a) AS s FROM t1' });
    expect(chart.status).toBe(200);
    expect((await request(mock.app).get('/_mock/datasource/tables')).body.tables).toContainEqual({ name: 't1', rows: 2 });
  });

  it.each([
    ['/_mock/clock', { now: 'soon' }, /now/],
    ['/_mock/settings', { precedence: 'newest' }, /precedence/],
    ['/_mock/settings', { colour: 'red' }, /colour/],
  ])('POST %s with a bad body is a 400 naming the field', async (path, body, says) => {
    const res = await request(mock.app).post(path).send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(says);
  });

  it('a bad table name is a 400', async () => {
    const res = await request(mock.app).put('/_mock/datasource/tables/drop;table').send({ rows: [] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not valid/);
  });

  it('an unknown /_mock route is a 404 naming it', async () => {
    const res = await request(mock.app).get('/_mock/nothing');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('/_mock/nothing');
  });
});
