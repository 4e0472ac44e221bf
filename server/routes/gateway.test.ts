import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, httpOf, makeApp, nowSec, payloadFor, signRaw, tokenFor } from '../testing/fixtures.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

const run = (token: string | undefined, body: object = {}) => {
  const r = request(httpOf(mock)).post('/api/run').send(body);
  return token === undefined ? r : r.set('x-dl-embed-token', token);
};

describe('POST /api/run with a chart token', () => {
  it('answers 200 with the chart rows, params and widgetConfig', async () => {
    const res = await run(await tokenFor(IDS.chartEmbed));
    expect(res.status).toBe(200);
    expect(res.body.entryId).toBe(IDS.chart);
    expect(res.body.data.columns).toEqual(['region', 'category', 'amount']);
    expect(res.body.data.rows).toHaveLength(3);
    expect(res.body.widgetConfig).toEqual({ enableExport: false });
    expect(res.body.precedence).toBe('signed-wins');
  });

  it('filters rows by an unsigned param from the link', async () => {
    const res = await run(await tokenFor(IDS.chartEmbed), { params: { region: 'North' } });
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual({ region: 'North' });
    expect(res.body.data.rows).toEqual([
      ['North', 'A', 10],
      ['North', 'B', 30],
    ]);
  });

  it('a signed param wins over the same unsigned param (signed-wins)', async () => {
    const res = await run(await tokenFor(IDS.chartEmbed, { params: { region: 'South' } }), { params: { region: 'North' } });
    expect(res.body.params).toEqual({ region: 'South' });
    expect(res.body.data.rows).toEqual([['South', 'B', 20]]);
  });
});

const gatewayBody400 = (code: string, message: string) => ({ code, extra: { message, hideRetry: true } });

describe('hostile tokens are rejected with the DataLens status and body, never a 5xx', () => {
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cases: { name: string; token: () => Promise<string | undefined>; status: number; reason: string; body?: object }[] = [
    { name: 'no header', token: async () => undefined, status: 400, reason: 'TOKEN_NOT_FOUND', body: gatewayBody400('ERR.CHARTS.TOKEN_NOT_FOUND', 'You must provide embedToken') },
    { name: 'garbage', token: async () => 'not-a-jwt', status: 400, reason: 'TOKEN_MALFORMED', body: gatewayBody400('ERR.CHARTS.INVALID_TOKEN', 'Wrong token format') },
    {
      name: 'a missing embedId',
      token: () => signRaw({ dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK', iat: nowSec(), exp: nowSec() + 60 }),
      status: 400,
      reason: 'TOKEN_NO_EMBED_ID',
      body: gatewayBody400('ERR.CHARTS.INVALID_TOKEN', 'Wrong token format'),
    },
    { name: 'an unknown embed', token: () => tokenFor('zzzzzzzzzzzzz'), status: 404, reason: 'EMBED_NOT_EXISTS' },
    { name: 'an expired token', token: () => tokenFor(IDS.chartEmbed, { iat: nowSec() - 100, exp: nowSec() - 1 }), status: 403, reason: 'TOKEN_EXPIRED' },
    { name: 'a 10 h + 1 s lifetime', token: () => tokenFor(IDS.chartEmbed, { iat: nowSec(), exp: nowSec() + 36_001 }), status: 403, reason: 'TOKEN_LIFETIME_TOO_LONG' },
    { name: 'the wrong mark', token: () => tokenFor(IDS.chartEmbed, { dlEmbedService: 'YC_DATALENS_EMBEDING_SERVICE_MARK' }), status: 403, reason: 'TOKEN_SERVICE_MARK' },
    { name: 'no mark', token: () => tokenFor(IDS.chartEmbed, { dlEmbedService: undefined }), status: 403, reason: 'TOKEN_SERVICE_MARK' },
    { name: 'more than 30 KB', token: () => tokenFor(IDS.chartEmbed, { params: { big: 'x'.repeat(31_000) } }), status: 403, reason: 'TOKEN_TOO_LARGE' },
    { name: 'exp in milliseconds', token: () => tokenFor(IDS.chartEmbed, { exp: Date.now() + 60_000 }), status: 403, reason: 'TOKEN_CLAIM_TYPE' },
    { name: 'a signature by another key', token: () => signRaw(payloadFor(IDS.chartEmbed), { key: otherKey }), status: 403, reason: 'TOKEN_SIGNATURE_INVALID' },
    { name: 'RS256', token: () => signRaw(payloadFor(IDS.chartEmbed), { alg: 'RS256' }), status: 403, reason: 'TOKEN_ALG_NOT_ALLOWED' },
    { name: 'PS384', token: () => signRaw(payloadFor(IDS.chartEmbed), { alg: 'PS384' }), status: 403, reason: 'TOKEN_ALG_NOT_ALLOWED' },
    { name: 'PS512', token: () => signRaw(payloadFor(IDS.chartEmbed), { alg: 'PS512' }), status: 403, reason: 'TOKEN_ALG_NOT_ALLOWED' },
    {
      name: 'HS256 signed with the public key as secret',
      token: async () => {
        const { DEMO_PUBLIC_KEY } = await import('../testing/fixtures.js');
        return signRaw(payloadFor(IDS.chartEmbed), { alg: 'HS256', key: new TextEncoder().encode(DEMO_PUBLIC_KEY) });
      },
      status: 403,
      reason: 'TOKEN_ALG_NOT_ALLOWED',
    },
    {
      name: 'alg none',
      token: async () => {
        const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${b({ alg: 'none', typ: 'JWT' })}.${b(payloadFor(IDS.chartEmbed))}.`;
      },
      status: 403,
      reason: 'TOKEN_ALG_NOT_ALLOWED',
    },
    {
      name: 'a tampered payload',
      token: async () => {
        const [h, , s] = (await tokenFor(IDS.chartEmbed)).split('.');
        return `${h}.${Buffer.from(JSON.stringify(payloadFor(IDS.chartEmbed, { params: { region: 'South' } }))).toString('base64url')}.${s}`;
      },
      status: 403,
      reason: 'TOKEN_SIGNATURE_INVALID',
    },
  ];

  it.each(cases)('$name → $status $reason', async ({ token, status, reason, body }) => {
    const res = await run(await token());
    expect(res.status).toBe(status);
    expect(res.body.mock.reason).toBe(reason);
    expect(res.body.mock.hint).toMatch(/\w/);
    if (body) expect(res.body).toMatchObject(body);
    if (status === 403 || status === 404) {
      expect(res.body).toMatchObject({ code: status, error: { code: status, details: { code: status }, extra: { hideRetry: false } } });
    }
  });

  it('a repeated header is joined with ", " and fails to decode (INVALID_TOKEN)', async () => {
    const t = await tokenFor(IDS.chartEmbed);
    const res = await request(mock.app).post('/api/run').set('x-dl-embed-token', [t, t] as unknown as string).send({});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR.CHARTS.INVALID_TOKEN');
  });

  it('malformed JSON body gets a 400 naming the problem', async () => {
    const res = await request(mock.app)
      .post('/api/run')
      .set('x-dl-embed-token', await tokenFor(IDS.chartEmbed))
      .set('content-type', 'application/json')
      .send('{"params":');
    expect(res.status).toBe(400);
    expect(res.body.mock.reason).toBe('MALFORMED_JSON');
  });
});

describe('default (production) mode', () => {
  it('accepts a token without iat/exp and with number params', async () => {
    const res = await run(await tokenFor(IDS.chartEmbed, { iat: undefined, exp: undefined, params: { n: 1 } }));
    expect(res.status).toBe(200);
  });
});

describe('dash tokens', () => {
  it('GET /api/embedded-entry returns only {entryId, scope, data}', async () => {
    const res = await request(mock.app).get('/api/embedded-entry').set('x-dl-embed-token', await tokenFor(IDS.dashEmbed));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'entryId', 'scope']);
    expect(res.body.scope).toBe('dash');
    expect(res.body.data.tabs[0].id).toBe('t1');
  });

  it('embedded-entry with no token uses its own code ERR.CHARTS.INVALID_TOKEN_FORMAT', async () => {
    const res = await request(mock.app).get('/api/embedded-entry');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(gatewayBody400('ERR.CHARTS.INVALID_TOKEN_FORMAT', 'You must provide embedToken'));
  });

  it('embedded-entry with a chart token is 400 Invalid token', async () => {
    const res = await request(mock.app).get('/api/embedded-entry').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(gatewayBody400('ERR.CHARTS.INVALID_TOKEN', 'Invalid token'));
  });

  it('embedded-entry US errors use ERR.ENTRY.CONFIG_LOADING_ERROR', async () => {
    const res = await request(mock.app).get('/api/embedded-entry').set('x-dl-embed-token', await tokenFor('zzzzzzzzzzzzz'));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'ERR.ENTRY.CONFIG_LOADING_ERROR', details: { code: 404 } } });
  });

  it('runs a chart of the dash by id', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed), { id: IDS.chart, params: { region: ['South'] } });
    expect(res.status).toBe(200);
    expect(res.body.data.rows).toEqual([['South', 'B', 20]]);
  });

  it('a chart outside entryId ∪ depsIds is 409 OUTDATED_DEPENDENCIES', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed), { id: IDS.chart2 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject(gatewayBody400('ERR.CHARTS.OUTDATED_DEPENDENCIES', 'Dependencies of embed are outdated'));
  });

  it('a dash token without id or controlData is 400 Invalid token', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR.CHARTS.INVALID_TOKEN');
  });

  it('a selector run returns uiScheme from the stored dash', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed), { controlData: { id: 'sel', tabId: 't1' }, params: { region: ['North'] } });
    expect(res.status).toBe(200);
    expect(res.body.uiScheme.controls[0]).toMatchObject({ param: 'region', disabled: false, value: ['North'], options: ['North', 'South'] });
  });

  it('a selector bound to a signed param is disabled with an empty value', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed, { params: { region: 'South' } }), {
      controlData: { id: 'sel', tabId: 't1' },
      params: { region: ['North'] },
    });
    expect(res.body.uiScheme.controls[0]).toMatchObject({ disabled: true, value: '' });
  });

  it("a connection selector stored on another workbook's chart is refused at run time, with none of its values", async () => {
    const local = await makeApp();
    try {
      const rpc = (method: string, body: object) => request(local.app).post(`/rpc/${method}`).send(body);
      const workbookId = (await rpc('createWorkbook', { title: 'theirs' })).body.workbookId;
      const theirs = (await rpc('createChart', { workbookId, title: 'secret', rows: [{ region: 'THEIR-SECRET' }] })).body.entryId;
      // A dash saved before the save-time check (an older data dir): written to the store directly.
      const dash = local.ctx.store.entries.get(IDS.dash)!;
      if (dash.scope !== 'dash') throw new Error('fixture dash expected');
      const item = { id: 'foreign', type: 'control' as const, sourceType: 'connection' as const, param: 'region', chartId: theirs };
      local.ctx.store.entries.update({ ...dash, data: { ...dash.data, tabs: [{ ...dash.data.tabs[0], items: [...dash.data.tabs[0].items, item] }] } });
      const res = await request(local.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.dashEmbed)).send({ controlData: { id: 'foreign', tabId: 't1' } });
      expect(res.status).toBe(400);
      expect(res.body.mock.reason).toBe('WRONG_WORKBOOK');
      expect(JSON.stringify(res.body)).not.toContain('THEIR-SECRET');
    } finally {
      await local.close();
    }
  });

  it('an unknown selector is 404 with the Cyrillic С', async () => {
    const res = await run(await tokenFor(IDS.dashEmbed), { controlData: { id: 'nope', tabId: 't1' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('\u0421onfig was not found');
  });
});

describe('deletion', () => {
  it('a deleted embed and a deleted key make tokens fail with 404', async () => {
    const local = await makeApp();
    try {
      const t = await tokenFor(IDS.chartEmbed);
      expect((await request(local.app).post('/api/run').set('x-dl-embed-token', t).send({})).status).toBe(200);
      await request(local.app).post('/rpc/deleteEmbeddingSecret').send({ embeddingSecretId: IDS.secret }).expect(200);
      const res = await request(local.app).post('/api/run').set('x-dl-embed-token', t).send({});
      expect(res.status).toBe(404);
      expect(res.body.mock.reason).toBe('EMBED_NOT_EXISTS');
      const dash = await request(local.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.dashEmbed)).send({ id: IDS.chart });
      expect(dash.status).toBe(404);
    } finally {
      await local.close();
    }
  });
});

describe('a token that verified once', () => {
  it('is still refused once its embed is deleted or it expires (only the signature is remembered)', async () => {
    const local = await makeApp();
    try {
      const t = await tokenFor(IDS.chartEmbed, { iat: nowSec(), exp: nowSec() + 60 });
      const send = () => request(httpOf(local)).post('/api/run').set('x-dl-embed-token', t).send({});
      expect((await send()).status).toBe(200);
      await request(local.app).post('/_mock/clock').send({ now: nowSec() + 120 });
      expect((await send()).body.mock.reason).toBe('TOKEN_EXPIRED');
      await request(local.app).post('/_mock/clock').send({ now: null });
      expect((await send()).status).toBe(200);
      await request(local.app).post('/rpc/updateEmbed').send({ embedId: IDS.chartEmbed, embeddingSecretId: IDS.secret, publicParamsMode: true });
      await request(local.app).post('/rpc/deleteEmbed').send({ embedId: IDS.chartEmbed }).expect(200);
      expect((await send()).body.mock.reason).toBe('EMBED_NOT_EXISTS');
    } finally {
      await local.close();
    }
  });

  it('is refused when the embed moves to another key', async () => {
    const local = await makeApp();
    try {
      const t = await tokenFor(IDS.chartEmbed);
      const send = () => request(local.app).post('/api/run').set('x-dl-embed-token', t).send({});
      expect((await send()).status).toBe(200);
      const { generateKeyPairSync } = await import('node:crypto');
      const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
      const other = await request(local.app).post('/rpc/createEmbeddingSecret').send({ workbookId: IDS.workbook, title: 'other', publicKey });
      await request(local.app).post('/rpc/updateEmbed').send({ embedId: IDS.chartEmbed, embeddingSecretId: other.body.embeddingSecretId }).expect(200);
      expect((await send()).body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
    } finally {
      await local.close();
    }
  });
});

describe('what production accepts and --strict refuses', () => {
  let strict: MockApp;
  beforeAll(async () => {
    strict = await makeApp(undefined, { strict: true });
  });
  afterAll(() => strict.close());

  const cases = [
    { name: 'a number param', token: () => tokenFor(IDS.chartEmbed, { params: { year: 2024 } }), reason: 'TOKEN_PARAMS_TYPE' },
    { name: 'a boolean param', token: () => tokenFor(IDS.chartEmbed, { params: { vip: true } }), reason: 'TOKEN_PARAMS_TYPE' },
    { name: 'an object param', token: () => tokenFor(IDS.chartEmbed, { params: { o: { a: '1' } } }), reason: 'TOKEN_PARAMS_TYPE' },
    { name: 'no exp', token: () => tokenFor(IDS.chartEmbed, { exp: undefined }), reason: 'TOKEN_CLAIM_MISSING' },
    { name: 'no iat', token: () => tokenFor(IDS.chartEmbed, { iat: undefined }), reason: 'TOKEN_CLAIM_MISSING' },
  ];

  it.each(cases)('$name: 200 by default, 403 $reason with --strict', async ({ token, reason }) => {
    const t = await token();
    const def = await run(t);
    expect(def.status, JSON.stringify(def.body)).toBe(200);
    const res = await request(httpOf(strict)).post('/api/run').set('x-dl-embed-token', t).send({});
    expect(res.status).toBe(403);
    expect(res.body.mock.reason).toBe(reason);
  });

  it('passes a signed number on as a number; the journal and the explain trace warn', async () => {
    const res = await run(await tokenFor(IDS.chartEmbed, { params: { amount: 10 } }), {}).set('x-dl-mock-explain', '1');
    expect(res.status).toBe(200);
    expect(res.body.params).toMatchObject({ amount: 10 });
    const trace = (res.body.trace as { name: string; warning?: string }[]).find((t) => t.name === 'amount');
    expect(trace?.warning).toMatch(/^Signed param "amount" is number 10: DataLens passes it on as it is.*"10".*--strict refuses it/);
    const { entries } = (await request(httpOf(mock)).get('/_mock/journal').query({ route: '/api/run', limit: 1 })).body;
    expect(entries[0].warnings).toEqual([expect.stringMatching(/^Signed param "amount" is number 10/)]);
    expect(entries[0].why).toMatch(/Warning: Signed param "amount"/);
  });
});
