import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';

const mock: MockApp = await makeApp();
afterAll(() => mock.close());
const http = () => request(httpOf(mock));
const run = async (embedId: string, body: object = {}) => http().post('/api/run').set('x-dl-embed-token', await tokenFor(embedId)).send(body);
beforeEach(async () => {
  await http().delete('/_mock/faults').expect(200);
});

describe('POST /_mock/faults', () => {
  it('"the next 2 runs for embed X answer 409 outdated": DataLens body, then normal again; other embeds untouched', async () => {
    const added = await http().post('/_mock/faults').send({ route: 'run', embedId: IDS.chartEmbed, times: 2, reject: 'outdated' }).expect(201);
    expect(added.body).toMatchObject({ id: 'f1', reject: 'ENTRY_NOT_IN_DEPS', remaining: 2 });

    const other = await run(IDS.dashEmbed, { id: IDS.chart });
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await run(IDS.chartEmbed);
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ code: 'ERR.CHARTS.OUTDATED_DEPENDENCIES', extra: { message: 'Dependencies of embed are outdated', hideRetry: true } });
      expect(r.body.mock.message).toMatch(/Injected by fault f1/);
    }
    expect((await run(IDS.chartEmbed)).status).toBe(200);
    expect((await http().get('/_mock/faults').expect(200)).body.faults).toEqual([]);
  });

  it('a rejection on embedded-entry gets that controller’s body', async () => {
    await http().post('/_mock/faults').send({ route: 'embedded-entry', reject: 'EMBED_NOT_EXISTS', times: 1 }).expect(201);
    const r = await http().get('/api/embedded-entry').set('x-dl-embed-token', await tokenFor(IDS.dashEmbed));
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'ERR.ENTRY.CONFIG_LOADING_ERROR' });
  });

  it('"answer 500": a default body that says it was injected, or the body given', async () => {
    await http().post('/_mock/faults').send({ status: 500, times: 1 }).expect(201);
    const r = await run(IDS.chartEmbed);
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ code: 'ERR.MOCK.INJECTED_FAULT', mock: { reason: 'INJECTED_FAULT' } });

    await http().post('/_mock/faults').send({ status: 503, body: { message: 'maintenance' }, times: 1 }).expect(201);
    const custom = await run(IDS.chartEmbed);
    expect(custom.status).toBe(503);
    expect(custom.body).toEqual({ message: 'maintenance' });
  });

  it('"add latency": the request waits, then proceeds normally', async () => {
    await http().post('/_mock/faults').send({ latencyMs: 300, times: 1 }).expect(201);
    const started = Date.now();
    const r = await run(IDS.chartEmbed);
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('rpc faults match a method and answer with the control-plane body', async () => {
    await http().post('/_mock/faults').send({ route: 'rpc', rpcMethod: 'getEmbed', reject: 'EMBED_NOT_FOUND' }).expect(201);
    const r = await http().post('/rpc/getEmbed').send({ embedId: IDS.chartEmbed });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'EMBED_NOT_EXISTS', reason: 'EMBED_NOT_FOUND' });
    await http().post('/rpc/getEntry').send({ entryId: IDS.chart }).expect(200);
  });

  it('the journal names the fault that answered', async () => {
    await http().delete('/_mock/journal');
    await http().post('/_mock/faults').send({ status: 500, times: 1 }).expect(201);
    await run(IDS.chartEmbed);
    const [e] = (await http().get('/_mock/journal').expect(200)).body.entries;
    expect(e).toMatchObject({ status: 500, verdict: 'rejected', fault: { id: expect.stringMatching(/^f\d+$/) }, rejection: { reason: 'INJECTED_FAULT' } });
    expect(e.why).toMatch(/^Rejected with 500 INJECTED_FAULT: Answered by fault f\d+/);
  });

  it('answers 400 naming what is wrong with a spec', async () => {
    const r = await http().post('/_mock/faults').send({ route: 'run', reject: 'NOPE' }).expect(400);
    expect(r.body.message).toMatch(/reject: must be a catalogued reason code/);
  });
});

describe('listing and clearing faults', () => {
  it('GET lists with counts; DELETE /:id removes one, 404 for an unknown one; DELETE clears', async () => {
    const a = (await http().post('/_mock/faults').send({ status: 500, embedId: 'zzzzzzzzzzzzz' }).expect(201)).body;
    await http().post('/_mock/faults').send({ latencyMs: 1, route: 'rpc' }).expect(201);
    expect((await http().get('/_mock/faults')).body.faults).toHaveLength(2);
    const afterOne = await http().delete(`/_mock/faults/${a.id}`).expect(200);
    expect(afterOne.body.faults).toHaveLength(1);
    await http().delete(`/_mock/faults/${a.id}`).expect(404);
    await http().delete('/_mock/faults').expect(200);
    expect((await http().get('/_mock/faults')).body.faults).toEqual([]);
  });

  it('POST /_mock/reset clears faults', async () => {
    await http().post('/_mock/faults').send({ status: 500 }).expect(201);
    await http().post('/_mock/reset').expect(200);
    expect((await http().get('/_mock/faults')).body.faults).toEqual([]);
    expect((await run(IDS.chartEmbed)).status).toBe(200);
  });
});
