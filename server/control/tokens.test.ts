import { decodeJwt } from 'jose';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { IDS, basicSeed, httpOf, makeApp } from '../testing/fixtures.js';

const seed = basicSeed();
seed.workbooks![0].embeds![0].tokenParams = { region: 'South' };
const mock = await makeApp(seed);
afterAll(() => mock.close());
const http = () => request(httpOf(mock));

describe('POST /_mock/tokens', () => {
  it('mints a token the gateway accepts, by seed key, with the seed tokenParams by default', async () => {
    const res = await http().post('/_mock/tokens').send({ embedId: 'ce' }).expect(200);
    expect(res.body).toMatchObject({ embedId: IDS.chartEmbed, entryId: IDS.chart, scope: 'widget' });
    expect(res.body.exp - res.body.iat).toBe(360);
    const run = await http().post('/api/run').set('x-dl-embed-token', res.body.token).send({}).expect(200);
    expect(run.body.params).toEqual({ region: 'South' });
  });

  it('mints by embedId with given params and ttl, and says a dash opens /embeds/dash', async () => {
    const res = await http().post('/_mock/tokens').send({ embedId: IDS.dashEmbed, params: { region: 'North' }, ttl: 60 }).expect(200);
    expect(res.body.scope).toBe('dash');
    const payload = decodeJwt(res.body.token);
    expect(payload).toMatchObject({ embedId: IDS.dashEmbed, params: { region: 'North' }, dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(60);
  });

  it('issues at the emulator clock, so a pinned clock accepts the token', async () => {
    await http().post('/_mock/clock').send({ now: 2_000_000_000 }).expect(200);
    const res = await http().post('/_mock/tokens').send({ embedId: 'ce' }).expect(200);
    expect(res.body.iat).toBe(2_000_000_000);
    await http().post('/api/run').set('x-dl-embed-token', res.body.token).send({}).expect(200);
    await http().post('/_mock/clock').send({ now: null }).expect(200);
  });

  it('can mint what strict mode refuses (non-string params), for rejection tests', async () => {
    const res = await http().post('/_mock/tokens').send({ embedId: 'ce', params: { year: 2024 } }).expect(200);
    expect((await http().post('/api/run').set('x-dl-embed-token', res.body.token).send({})).status).toBe(200);
    await http().post('/_mock/settings').send({ strict: true }).expect(200);
    try {
      const run = await http().post('/api/run').set('x-dl-embed-token', res.body.token).send({});
      expect(run.body.mock.reason).toBe('TOKEN_PARAMS_TYPE');
    } finally {
      await http().post('/_mock/settings').send({ strict: false }).expect(200);
    }
  });

  it('404 for an unknown embed, naming the seeded ones', async () => {
    const res = await http().post('/_mock/tokens').send({ embedId: 'nope' }).expect(404);
    expect(res.body.hint).toMatch(/ce, de/);
  });

  it('409 when the embed’s key was made over /rpc and its private key is unknown', async () => {
    const secret = (await http().post('/rpc/createEmbeddingSecret').send({ workbookId: IDS.workbook, title: 'rpc key' }).expect(200)).body;
    const embed = (await http().post('/rpc/createEmbed').send({ title: 'e', embeddingSecretId: secret.embeddingSecretId, entryId: IDS.chart }).expect(200)).body;
    const res = await http().post('/_mock/tokens').send({ embedId: embed.embedId }).expect(409);
    expect(res.body.message).toMatch(/does not know the private key/);
  });

  it('400 for a bad body', async () => {
    await http().post('/_mock/tokens').send({ embedId: 'ce', ttl: 'long' }).expect(400);
  });
});
