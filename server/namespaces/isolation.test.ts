import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { pagesRouter } from '../routes/pages.js';
import type { SeedFileInput } from '../seed/schema.js';
import { IDS, basicSeed, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';


/** The basic seed without a private key: every namespace then generates a key of its own. */
function seedWithoutKey(): SeedFileInput {
  const seed = basicSeed();
  delete seed.workbooks![0].secrets![0].privateKey;
  return seed;
}

const mock = await makeApp(seedWithoutKey());
afterAll(async () => {
  await mock.ctx.namespaces?.closeAll();
  await mock.close();
});
const http = () => request(httpOf(mock));
const mint = async (ns: string, params: Record<string, string> = {}) =>
  (await http().post(`/_ns/${ns}/_mock/tokens`).send({ embedId: 'ce', params }).expect(200)).body.token as string;

describe('namespaces: parallel workers share one emulator and never see each other', () => {
  it('each namespace is seeded like the parent and answers the gateway on its own', async () => {
    const token = await mint('a', { region: 'North' });
    const res = await http().post('/_ns/a/api/run').set('x-dl-embed-token', token).send({}).expect(200);
    expect(res.body.params).toEqual({ region: 'North' });
    expect((await http().get('/_mock/namespaces').expect(200)).body.namespaces.map((n: { name: string }) => n.name)).toContain('a');
  });

  it('keys are per namespace: a token minted in one is refused by another and by the root', async () => {
    const token = await mint('a');
    const other = await http().post('/_ns/b/api/run').set('x-dl-embed-token', token).send({});
    expect(other.status).toBe(403);
    expect(other.body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
    expect((await http().post('/api/run').set('x-dl-embed-token', token).send({})).status).toBe(403);
  });

  it('the clock, settings, faults, journal and store of one namespace do not leak', async () => {
    await http().delete('/_mock/journal').expect(200);
    await http().post('/_ns/a/_mock/clock').send({ now: 1_000_000 }).expect(200);
    await http().post('/_ns/a/_mock/settings').send({ precedence: 'unsigned-wins' }).expect(200);
    await http().post('/_ns/a/_mock/faults').send({ status: 500 }).expect(201);
    await http().post('/_ns/a/rpc/createChart').send({ workbookId: IDS.workbook, title: 'only in a', entryId: 'onlyina000001', rows: [] }).expect(200);
    await http().post('/_ns/b/api/run').send({});

    expect((await http().get('/_ns/b/_mock/clock')).body.pinned).toBe(false);
    expect((await http().get('/_mock/clock')).body.pinned).toBe(false);
    expect((await http().get('/_ns/b/_mock/settings')).body.precedence).toBe('signed-wins');
    expect((await http().get('/_ns/b/_mock/faults')).body.faults).toEqual([]);
    expect((await http().post('/_ns/b/rpc/getEntry').send({ entryId: 'onlyina000001' })).status).toBe(404);
    expect((await http().post('/_ns/a/rpc/getEntry').send({ entryId: 'onlyina000001' })).status).toBe(200);
    expect((await http().get('/_ns/a/_mock/journal?kind=rpc')).body.entries.map((e: { rpcMethod: string }) => e.rpcMethod)).toContain('createChart');
    expect((await http().get('/_ns/b/_mock/journal?kind=rpc')).body.entries.map((e: { rpcMethod: string }) => e.rpcMethod)).toEqual(['getEntry']);
    expect((await http().get('/_mock/journal')).body.entries).toEqual([]);
    // The journal records paths relative to the namespace.
    expect((await http().get('/_ns/b/_mock/journal?kind=gateway')).body.entries[0].route).toBe('POST /api/run');
  });

  it('POST /_mock/reset {namespace} resets that namespace only', async () => {
    await http().post('/_ns/c/_mock/faults').send({ status: 500 }).expect(201);
    await http().post('/_ns/d/_mock/faults').send({ status: 500 }).expect(201);
    const res = await http().post('/_mock/reset').send({ namespace: 'c' }).expect(200);
    expect(res.body).toEqual({ status: 'ok', namespace: 'c', existed: true });
    expect((await http().get('/_ns/c/_mock/faults')).body.faults).toEqual([]);
    expect((await http().get('/_ns/d/_mock/faults')).body.faults).toHaveLength(1);
    expect((await http().post('/_mock/reset?namespace=never-made').expect(200)).body.existed).toBe(false);
  });

  it('PUT creates a namespace now, DELETE drops it (the next request starts a fresh one)', async () => {
    expect((await http().put('/_mock/namespaces/e').expect(201)).body).toMatchObject({ name: 'e', base: '/_ns/e' });
    await http().put('/_mock/namespaces/e').expect(200);
    await http().post('/_ns/e/_mock/clock').send({ now: 5 }).expect(200);
    await http().delete('/_mock/namespaces/e').expect(200);
    await http().delete('/_mock/namespaces/e').expect(404);
    // A read does not bring it back; a write from this machine starts a fresh one.
    expect((await http().get('/_ns/e/_mock/clock').expect(404)).body.code).toBe('NAMESPACE_NOT_FOUND');
    await http().post('/_ns/e/_mock/settings').send({}).expect(200);
    expect((await http().get('/_ns/e/_mock/clock')).body.pinned).toBe(false);
  });

  it('refuses bad names and nested namespaces', async () => {
    await http().get('/_ns/-bad/_mock/health').expect(404);
    const nested = await http().get('/_ns/a/_ns/b/_mock/health').expect(404);
    expect(nested.body.message).toMatch(/don't nest/);
    await http().post('/_ns/a/_mock/reset').send({ namespace: 'b' }).expect(404);
  });

  it('a namespace answers health only for itself, and the root stays independent', async () => {
    await http().put('/_mock/namespaces/f').expect(201);
    expect((await http().get('/_ns/f/_mock/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await http().post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({})).body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
  });
});

describe('the embed page inside a namespace', () => {
  it('calls the API of its own namespace', async () => {
    const child = await mock.ctx.namespaces!.get('pages');
    const app = express();
    app.use('/embeds', pagesRouter(child.ctx));
    const res = await request(app).get('/embeds/chart').expect(200);
    const config = JSON.parse(/window\.DL = (.*?);<\/script>/.exec(res.text)?.[1] ?? 'null');
    expect(config).toMatchObject({ appBase: '/_ns/pages', apiPrefix: '/embeds/api', endpoints: { charts: '/charts' } });
  });
});
