import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp } from '../server.js';
import type { SeedFileInput } from '../seed/schema.js';
import { IDS, basicSeed, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';
import { KeyPool } from './key-pool.js';

/** The basic seed without a private key: the emulator generates the key. */
function seedWithoutKey(): SeedFileInput {
  const seed = basicSeed();
  delete seed.workbooks![0].secrets![0].privateKey;
  return seed;
}

describe('the state owner: one reset from the seed snapshot', () => {
  it('puts back what the seed made, drops what came later, and empties the test-kit state', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    await http().post('/rpc/createChart').send({ workbookId: IDS.workbook, title: 'later', entryId: 'laterchart001', rows: [] }).expect(200);
    await http().post('/rpc/deleteEmbed').send({ embedId: IDS.chartEmbed }).expect(200);
    await http().put('/_mock/datasource/tables/extra').send({ rows: [{ a: 1 }] }).expect(200);
    await http().put('/_mock/host-pages/p').set('content-type', 'text/html').send('<p>x</p>').expect(201);
    await http().post('/_mock/faults').send({ status: 500, times: 5 }).expect(201);
    await http().post('/_mock/clock').send({ now: 1000 }).expect(200);
    await http().post('/_mock/settings').send({ strict: true }).expect(200);
    const seededBefore = mock.seed;

    await http().post('/_mock/reset').expect(200);

    expect((await http().post('/rpc/getEntry').send({ entryId: 'laterchart001' })).status).toBe(404);
    expect((await http().post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({})).status).toBe(200);
    expect((await http().get('/_mock/datasource/tables')).body.tables.map((t: { name: string }) => t.name)).not.toContain('extra');
    await http().get('/_mock/host-pages/p').expect(404);
    expect((await http().get('/_mock/faults')).body.faults).toEqual([]);
    expect((await http().get('/_mock/clock')).body.pinned).toBe(false);
    expect((await http().get('/_mock/settings')).body.strict).toBe(false);
    expect((await http().get('/_mock/journal')).body.entries.map((e: { route: string }) => e.route)).toEqual(['POST /rpc/getEntry', 'POST /api/run']);
    // The seed result is a fresh copy: a test that changed the old one cannot reach the new one.
    expect(mock.seed).not.toBe(seededBefore);
    expect(mock.seed).toEqual(seededBefore);
    expect(mock.ctx.seed).toBe(mock.seed);
  });

  it('a reset keeps the keys the seed generated, so tokens minted before it still verify', async () => {
    const mock = await makeApp(seedWithoutKey());
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const { token } = (await http().post('/_mock/tokens').send({ embedId: 'ce' }).expect(200)).body;
    await http().post('/_mock/reset').expect(200);
    expect((await http().post('/api/run').set('x-dl-embed-token', token).send({})).status).toBe(200);
  });
});

describe('namespaces from the snapshot', () => {
  it('each namespace re-keys what the seed generated and keeps its keys across its own resets', async () => {
    const mock = await makeApp(seedWithoutKey());
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const mint = async (ns: string) => (await http().post(`/_ns/${ns}/_mock/tokens`).send({ embedId: 'ce' }).expect(200)).body.token as string;
    const a = await mint('a');
    const b = await mint('b');
    const keyOf = async (ns: string) => (await http().post(`/_ns/${ns}/rpc/getEmbeddingSecret`).send({ embeddingSecretId: IDS.secret }).expect(200)).body.publicKey;
    expect(new Set([await keyOf('a'), await keyOf('b'), (await http().post('/rpc/getEmbeddingSecret').send({ embeddingSecretId: IDS.secret })).body.publicKey]).size).toBe(3);
    expect((await http().post('/_ns/b/api/run').set('x-dl-embed-token', a).send({})).body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
    await http().post('/_ns/a/_mock/reset').expect(200);
    expect((await http().post('/_ns/a/api/run').set('x-dl-embed-token', a).send({})).status).toBe(200);
    expect((await http().post('/_ns/b/api/run').set('x-dl-embed-token', b).send({})).status).toBe(200);
  });

  it('a namespace of a demo emulator has the demo seed, its partner databases included', async () => {
    const mock = await createMockApp({ inMemory: true, quiet: true, demo: true });
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    const { token } = (await http().post('/_ns/d/_mock/tokens').send({ embedId: 'partner-chart' }).expect(200)).body;
    const res = await http().post('/_ns/d/api/run').set('x-dl-embed-token', token).send({}).expect(200);
    expect(res.body.data.rows.length).toBeGreaterThan(0);
  });
});

describe('journal: false', () => {
  it('records nothing, and the journal routes still answer', async () => {
    const mock = await makeApp(basicSeed(), { journal: false });
    afterAll(() => mock.close());
    const http = () => request(httpOf(mock));
    await http().post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({}).expect(200);
    expect((await http().get('/_mock/journal').expect(200)).body).toMatchObject({ entries: [], size: 0 });
    // A namespace inherits the option.
    await http().post('/_ns/n/api/run').send({});
    expect((await http().get('/_ns/n/_mock/journal').expect(200)).body.entries).toEqual([]);
  });
});

describe('KeyPool', () => {
  it('hands out distinct pairs, generated ahead', async () => {
    const pool = new KeyPool(2);
    const pairs = await Promise.all([pool.take(), pool.take(), pool.take()]);
    pool.close();
    expect(new Set(pairs.map((p) => p.publicKey)).size).toBe(3);
    expect(pairs[0].privateKey).toContain('PRIVATE KEY');
  });
});
