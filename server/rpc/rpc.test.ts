import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { DEMO_PUBLIC_KEY, IDS, makeApp } from '../testing/fixtures.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

const rpc = (method: string, body: unknown) => request(mock.app).post(`/rpc/${method}`).send(body as object);

describe('the control plane walkthrough', () => {
  it('creates a workbook, a key, a chart and an embed; the private key is returned once and never stored', async () => {
    const wb = await rpc('createWorkbook', { title: 'W' });
    expect(wb.status).toBe(200);
    expect(wb.body.workbookId).toMatch(/^[0-9a-z]{13}$/);
    const secret = await rpc('createEmbeddingSecret', { workbookId: wb.body.workbookId, title: 'K' });
    // PKCS#1, as DataLens hands it out.
    expect(secret.body.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const got = await rpc('getEmbeddingSecret', { embeddingSecretId: secret.body.embeddingSecretId });
    expect(got.body.privateKey).toBeUndefined();
    expect(JSON.stringify(mock.ctx.store.db.prepare('SELECT * FROM embedding_secrets').all())).not.toContain('PRIVATE');
    const chart = await rpc('createChart', { workbookId: wb.body.workbookId, title: 'C', rows: [{ x: 1 }] });
    const embed = await rpc('createEmbed', { title: 'E', embeddingSecretId: secret.body.embeddingSecretId, entryId: chart.body.entryId });
    expect(embed.status).toBe(200);
    expect(embed.body).toMatchObject({ publicParamsMode: true, unsignedParams: [], privateParams: [], depsIds: [], settings: {} });
    const list = await rpc('listEmbeds', { entryId: chart.body.entryId });
    expect(list.body.embeds).toHaveLength(1);
    const upd = await rpc('updateEmbed', { embedId: embed.body.embedId, publicParamsMode: false, privateParams: ['a'] });
    expect(upd.body).toMatchObject({ publicParamsMode: false, privateParams: ['a'] });
    const listed = await rpc('listEmbeddingSecrets', { workbookId: wb.body.workbookId });
    expect(listed.body.embeddingSecrets).toHaveLength(1);
  });

  it('createEmbeddingSecret with a publicKey returns no privateKey', async () => {
    const res = await rpc('createEmbeddingSecret', { workbookId: IDS.workbook, title: 'own', publicKey: DEMO_PUBLIC_KEY });
    expect(res.status).toBe(200);
    expect(res.body.privateKey).toBeUndefined();
    expect(res.body.publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('a dashboard embed gets depsIds from the charts it uses', async () => {
    const res = await rpc('createEmbed', { title: 'D', embeddingSecretId: IDS.secret, entryId: IDS.dash });
    expect(res.body.depsIds).toEqual([IDS.chart]);
  });

  it('deleting a secret cascades to its embeds', async () => {
    const s = await rpc('createEmbeddingSecret', { workbookId: IDS.workbook, title: 'tmp', publicKey: DEMO_PUBLIC_KEY });
    const e = await rpc('createEmbed', { title: 'tmp', embeddingSecretId: s.body.embeddingSecretId, entryId: IDS.chart });
    await rpc('deleteEmbeddingSecret', { embeddingSecretId: s.body.embeddingSecretId }).expect(200);
    const got = await rpc('getEmbed', { embedId: e.body.embedId });
    expect(got.status).toBe(404);
    expect(got.body.code).toBe('EMBED_NOT_EXISTS');
  });
});

describe('invalid calls get a 4xx {code, message} naming the field and the problem', () => {
  const otherWb = async () => (await rpc('createWorkbook', { title: 'other' })).body.workbookId as string;
  const cases: { name: string; method: string; body: () => unknown | Promise<unknown>; status: number; code: string; field?: string; says: RegExp }[] = [
    { name: 'unknown method', method: 'createWidget', body: () => ({}), status: 404, code: 'RPC_UNKNOWN_METHOD', says: /createWidget/ },
    { name: 'missing title', method: 'createWorkbook', body: () => ({}), status: 400, code: 'INVALID_BODY', field: 'title', says: /title/ },
    { name: 'unknown field', method: 'createWorkbook', body: () => ({ title: 'x', colour: 'red' }), status: 400, code: 'INVALID_BODY', says: /colour/ },
    { name: 'a body that is an array', method: 'createWorkbook', body: () => [1], status: 400, code: 'INVALID_BODY', says: /object/ },
    { name: 'unknown workbook', method: 'createEmbeddingSecret', body: () => ({ workbookId: 'aaaaaaaaaaaaa', title: 'k' }), status: 404, code: 'WORKBOOK_NOT_EXISTS', field: 'workbookId', says: /aaaaaaaaaaaaa/ },
    { name: 'a malformed ID', method: 'getEmbed', body: () => ({ embedId: 'short' }), status: 400, code: 'INVALID_BODY', field: 'embedId', says: /13-character/ },
    { name: 'a PEM that is not a key', method: 'createEmbeddingSecret', body: () => ({ workbookId: IDS.workbook, title: 'k', publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }), status: 400, code: 'INVALID_PUBLIC_KEY', field: 'publicKey', says: /PEM/ },
    { name: 'a private key as publicKey', method: 'createEmbeddingSecret', body: async () => ({ workbookId: IDS.workbook, title: 'k', publicKey: (await import('../testing/fixtures.js')).DEMO_PRIVATE_KEY }), status: 400, code: 'INVALID_PUBLIC_KEY', says: /PRIVATE/ },
    { name: 'an EC key', method: 'createEmbeddingSecret', body: async () => {
      const { generateKeyPairSync } = await import('node:crypto');
      return { workbookId: IDS.workbook, title: 'k', publicKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) };
    }, status: 400, code: 'INVALID_PUBLIC_KEY', says: /ec key/ },
    { name: 'a chart with no data', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c' }), status: 400, code: 'INVALID_BODY', field: 'rows', says: /rows/ },
    { name: 'a chart with bad SQL', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', sql: 'SELEC 1' }), status: 400, code: 'INVALID_SQL', says: /compile/ },
    { name: 'a chart with writing SQL', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', sql: 'CREATE TABLE x (a)' }), status: 400, code: 'INVALID_SQL', says: /read-only/ },
    { name: 'a chart with both rows and sql', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', rows: [], sql: 'SELECT 1' }), status: 400, code: 'INVALID_BODY', field: 'sql', says: /not rows and sql/ },
    { name: 'a structured query without a connection', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', query: { table: 't', columns: ['a'] } }), status: 400, code: 'INVALID_BODY', field: 'query', says: /connectionId/ },
    { name: 'a structured query with an unknown aggregation', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', query: { table: 't', columns: [{ column: 'a', aggregation: 'median' }] } }), status: 400, code: 'INVALID_BODY', says: /aggregation/ },
    { name: 'a bad visualization', method: 'createChart', body: () => ({ workbookId: IDS.workbook, title: 'c', rows: [], visualization: 'donut' }), status: 400, code: 'INVALID_BODY', field: 'visualization', says: /visualization/ },
    { name: 'a dash widget on a missing chart', method: 'createDashboard', body: () => ({ workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'nonexistent00' }] }] }), status: 404, code: 'ENTRY_NOT_EXISTS', field: 'tabs[0].items[0].chartId', says: /not a chart/ },
    ...(['connection', 'dataset', 'manual'] as const).map((sourceType) => ({
      name: `a ${sourceType} selector on another workbook's chart`,
      method: 'createDashboard',
      body: async () => {
        const chart = await rpc('createChart', { workbookId: await otherWb(), title: 'theirs', rows: [{ region: 'North' }] });
        return { workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 'T', items: [{ id: 's', type: 'control', sourceType, param: 'region', chartId: chart.body.entryId }] }] };
      },
      status: 400,
      code: 'WRONG_WORKBOOK',
      field: 'tabs[0].items[0].chartId',
      says: new RegExp(`another workbook than the dashboard .* ${sourceType} selector`),
    })),
    { name: 'a dash with no tabs', method: 'createDashboard', body: () => ({ workbookId: IDS.workbook, title: 'd', tabs: [] }), status: 400, code: 'INVALID_BODY', field: 'tabs', says: /tab/ },
    { name: 'a chartId that does not exist', method: 'createEmbed', body: () => ({ title: 'e', embeddingSecretId: IDS.secret, entryId: 'nonexistent00' }), status: 404, code: 'ENTRY_NOT_EXISTS', field: 'entryId', says: /nonexistent00/ },
    { name: 'an unknown secret', method: 'createEmbed', body: () => ({ title: 'e', embeddingSecretId: 'nonexistent00', entryId: IDS.chart }), status: 404, code: 'EMBEDDING_SECRET_NOT_EXISTS', field: 'embeddingSecretId', says: /nonexistent00/ },
    {
      name: 'an entry from another workbook',
      method: 'createEmbed',
      body: async () => {
        const workbookId = await otherWb();
        const chart = await rpc('createChart', { workbookId, title: 'c', rows: [] });
        return { title: 'e', embeddingSecretId: IDS.secret, entryId: chart.body.entryId };
      },
      status: 400,
      code: 'WRONG_WORKBOOK',
      field: 'embeddingSecretId',
      says: /workbook/,
    },
    { name: 'changing entryId', method: 'updateEmbed', body: () => ({ embedId: IDS.chartEmbed, entryId: IDS.chart2 }), status: 400, code: 'INVALID_BODY', field: 'entryId', says: /cannot be changed/ },
  ];

  it.each(cases)('$name → $status $code', async ({ method, body, status, code, field, says }) => {
    const res = await rpc(method, await body());
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(says);
    expect(res.body.hint).toMatch(/\w/);
    if (field) expect(res.body.field).toBe(field);
  });

  it('malformed JSON is a 400, not a 5xx', async () => {
    const res = await request(mock.app).post('/rpc/createWorkbook').set('content-type', 'application/json').send('{"title":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('GET on an rpc method is refused with a hint to POST', async () => {
    const res = await request(mock.app).get('/rpc/createWorkbook');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/POST/);
  });
});
