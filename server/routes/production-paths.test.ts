// The paths today's production pages call, answered by the same handlers as `/api/*`
// (docs/fidelity.md, "Paths of the production page"), and the wrong paths people try.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, basicSeed, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';

const EXPORT_EMBED = 'testembedexp1';
let mock: MockApp;
beforeAll(async () => {
  const seed = basicSeed();
  seed.workbooks![0].embeds!.push({ key: 'xe', id: EXPORT_EMBED, title: 'Export allowed', secret: 'k', entry: 'c1', settings: { enableExport: true } });
  mock = await makeApp(seed);
  await request(httpOf(mock)).put('/_mock/namespaces/prodpaths').expect(201);
});
afterAll(() => mock.close());

const http = () => request(httpOf(mock));
const post = (path: string, token: string | undefined, body: object = {}) => {
  const r = http().post(path).send(body);
  return token === undefined ? r : r.set('x-dl-embed-token', token);
};

describe('POST /charts/embeds/api/run answers exactly as /api/run', () => {
  it.each([
    ['a chart token', () => tokenFor(IDS.chartEmbed), {}],
    ['a chart token with a link param', () => tokenFor(IDS.chartEmbed), { params: { region: 'North' } }],
    ['a dash token running one of its charts', () => tokenFor(IDS.dashEmbed), { id: IDS.chart }],
    ['a chart token signing a param', () => tokenFor(IDS.chartEmbed, { params: { region: 'South' } }), { params: { region: 'North' } }],
    ['no token', async () => undefined, {}],
    ['a garbage token', async () => 'not-a-jwt', {}],
  ])('with %s', async (_name, token, body) => {
    const t = await token();
    const legacy = await post('/api/run', t, body);
    for (const path of ['/charts/embeds/api/run', '/embeds/api/run', '/_ns/prodpaths/charts/embeds/api/run', '/_ns/prodpaths/api/run']) {
      const res = await post(path, t, body);
      expect(res.status, path).toBe(legacy.status);
      expect(res.body, path).toEqual(legacy.body);
    }
    if (legacy.status === 200) expect(legacy.body.data.rows.length).toBeGreaterThan(0);
  });

  it('GET /embeds/api/embedded-entry answers the dash config as /api/embedded-entry', async () => {
    const t = await tokenFor(IDS.dashEmbed);
    const a = await http().get('/api/embedded-entry').set('x-dl-embed-token', t);
    const b = await http().get('/embeds/api/embedded-entry').set('x-dl-embed-token', t);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });
});

describe('POST /embeds/api/export answers exactly as /api/export', () => {
  const body = {
    data: encodeURIComponent(JSON.stringify({ formSettings: { format: 'csv' }, lang: 'en', chartData: { columns: ['region'], rows: [['North']] }, fullHost: 'http://x' })),
  };
  it.each([
    ['an embed that allows export', EXPORT_EMBED, 200],
    ['an embed that does not', IDS.chartEmbed, 403],
  ])('with %s', async (_name, embedId, status) => {
    const t = await tokenFor(embedId);
    const legacy = await post('/api/export', t, body);
    const res = await post('/embeds/api/export', t, body);
    expect(legacy.status).toBe(status);
    expect(res.status).toBe(status);
    expect(res.text).toBe(legacy.text);
    expect(res.headers['content-type']).toBe(legacy.headers['content-type']);
  });
});

describe('journal and faults see the production paths as gateway calls', () => {
  it('journals POST /charts/embeds/api/run as run', async () => {
    await post('/charts/embeds/api/run', await tokenFor(IDS.chartEmbed));
    const journal = await http().get('/_mock/journal?limit=1');
    expect(journal.status).toBe(200);
    expect(JSON.stringify(journal.body)).toContain('/charts/embeds/api/run');
  });
});

describe('paths that are not the embed API get an answer that names the real ones', () => {
  it('POST /charts/embeds/api/run-activity: Editor activities are not emulated (catalogued, not a bare 404)', async () => {
    const res = await post('/charts/embeds/api/run-activity', await tokenFor(IDS.chartEmbed), { params: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('EDITOR_ACTIVITY_NOT_EMULATED');
    expect(res.body.mock.reason).toBe('EDITOR_ACTIVITY_NOT_EMULATED');
    expect(res.body.mock.message).toMatch(/Editor/);
  });

  it.each([
    ['POST', '/api/private/run'],
    ['POST', '/charts/embeds/api/runn'],
    ['POST', '/embeds/api/private/run'],
    ['GET', '/charts/embeds/api/run'],
  ])('%s %s is a 404 that names POST /charts/embeds/api/run', async (method, path) => {
    const res = method === 'GET' ? await http().get(path) : await post(path, undefined);
    expect(res.status).toBe(404);
    expect(res.body.mock.reason).toBe('GATEWAY_ROUTE_NOT_FOUND');
    expect(res.body.mock.message).toContain(path);
    expect(res.body.mock.hint).toContain('POST /charts/embeds/api/run');
  });
});

describe('--api-prefix adds a gateway prefix; the production paths stay', () => {
  let custom: MockApp;
  beforeAll(async () => {
    custom = await makeApp(undefined, { apiPrefix: '/gw' });
  });
  afterAll(() => custom.close());

  it.each(['/gw/run', '/charts/embeds/api/run', '/embeds/api/run'])('answers %s', async (path) => {
    const res = await request(httpOf(custom)).post(path).set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({});
    expect(res.status).toBe(200);
    expect(res.body.entryId).toBe(IDS.chart);
  });

  it('no longer answers /api/run (the prefix replaced it)', async () => {
    const res = await request(httpOf(custom)).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({});
    expect(res.status).toBe(404);
  });
});
