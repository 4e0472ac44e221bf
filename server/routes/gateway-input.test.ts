import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, basicSeed, makeApp, payloadFor, signRaw, tokenFor } from '../testing/fixtures.js';

const EXPORT_EMBED = 'testembedexp2';
let mock: MockApp;
beforeAll(async () => {
  const seed = basicSeed();
  seed.workbooks![0].embeds!.push({ key: 'xe', id: EXPORT_EMBED, title: 'Export', secret: 'k', entry: 'c1', settings: { enableExport: true } });
  mock = await makeApp(seed);
});
afterAll(() => mock.close());

const run = async (body: unknown, token?: string) =>
  request(mock.app).post('/api/run').set('x-dl-embed-token', token ?? (await tokenFor(IDS.chartEmbed))).send(body as object);

describe('malformed run bodies get a 4xx naming the field', () => {
  it.each([
    ['paramShadowed an array', { paramShadowed: [1] }, 'paramShadowed'],
    ['paramShadowed with a null candidate', { paramShadowed: { region: [null] } }, 'paramShadowed.region[0]'],
    ['paramShadowed with a bad source', { paramShadowed: { region: [{ source: 'url', value: 'a', by: 'link' }] } }, 'paramShadowed.region[0].source'],
    ['paramSources not an object', { paramSources: 'link' }, 'paramSources'],
    ['paramSources with an unknown source', { paramSources: { region: 'cookie' } }, 'paramSources.region'],
    ['params an array', { params: ['North'] }, 'params'],
    ['params a string', { params: 'region=North' }, 'params'],
    ['id a number', { id: 5 }, 'id'],
    ['controlData a string', { controlData: 'sel' }, 'controlData'],
    ['controlData.tabId a number', { controlData: { id: 'sel', tabId: 1 } }, 'controlData.tabId'],
  ])('%s', async (_name, body, field) => {
    const r = await run(body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_BODY', field, mock: { reason: 'INVALID_BODY' } });
    expect(r.body.message).toContain(field);
  });

  it('a body that is JSON but not an object is 400', async () => {
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).set('content-type', 'application/json').send('[1]');
    expect(r.status).toBe(400);
  });

  it('unknown fields the real page sends are ignored, as in DataLens', async () => {
    expect((await run({ responseOptions: { includeConfig: true }, config: { x: 1 }, uiOnly: true })).status).toBe(200);
  });
});

describe('unsigned values that are not a string or an array of strings', () => {
  it('--strict answers 400 UNSIGNED_PARAMS_TYPE naming the param', async () => {
    await request(mock.app).post('/_mock/settings').send({ strict: true }).expect(200);
    try {
      for (const value of [2024, true, null, { a: 'b' }, ['a', 1]]) {
        const r = await run({ params: { region: value } });
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ code: 'UNSIGNED_PARAMS_TYPE', field: 'params.region', mock: { reason: 'UNSIGNED_PARAMS_TYPE' } });
      }
    } finally {
      await request(mock.app).post('/_mock/settings').send({ strict: false }).expect(200);
    }
  });

  it('by default passes them on like DataLens, and the journal warns', async () => {
    for (const value of [2024, true, null, { a: 'b' }, ['North', 1]]) {
      const r = await run({ params: { region: value, other: value } });
      expect(r.status, JSON.stringify(value)).toBe(200);
      expect(r.body.params.region).toEqual(value);
      const { entries } = (await request(mock.app).get('/_mock/journal').query({ route: '/api/run', limit: 1 })).body;
      expect(entries[0].warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^Unsigned param "region" is .*--strict refuses it\.$/)]));
    }
  });
});

/** superagent sends an array value as one header line per item; Node joins them with ", ". */
const repeated = (values: string[]) => values as unknown as string;

describe('a repeated x-dl-embed-token header (Node joins it as "<token>, <token>")', () => {
  it('is 400 "Wrong token format" on run and export, INVALID_TOKEN_FORMAT on embedded-entry, with its own reason', async () => {
    const chart = await tokenFor(IDS.chartEmbed);
    const dash = await tokenFor(IDS.dashEmbed);
    for (const value of [`${chart}, x`, repeated([chart, chart])]) {
      const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', value).send({});
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'ERR.CHARTS.INVALID_TOKEN', extra: { message: 'Wrong token format', hideRetry: true }, mock: { reason: 'TOKEN_HEADER_REPEATED' } });
    }
    const exp = await request(mock.app).post('/api/export').set('x-dl-embed-token', repeated([await tokenFor(EXPORT_EMBED), 'x'])).send({});
    expect(exp.status).toBe(400);
    expect(exp.body).toMatchObject({ code: 'ERR.CHARTS.INVALID_TOKEN', extra: { message: 'Wrong token format' }, mock: { reason: 'TOKEN_HEADER_REPEATED' } });
    const entry = await request(mock.app).get('/api/embedded-entry').set('x-dl-embed-token', repeated([dash, dash]));
    expect(entry.status).toBe(400);
    expect(entry.body).toMatchObject({ code: 'ERR.CHARTS.INVALID_TOKEN_FORMAT', extra: { message: 'Wrong token format' }, mock: { reason: 'TOKEN_HEADER_REPEATED' } });
  });
});

describe('an iat in the future', () => {
  // The attack: exp - iat is exactly 10 hours, but iat sits far ahead, so the token lives ~3000 years.
  const farFuture = () => signRaw(payloadFor(IDS.chartEmbed, { iat: 1e11 - 36000, exp: 1e11 }));

  it('is accepted by default, as DataLens (jsonwebtoken) accepts it, and the journal flags it', async () => {
    const token = await farFuture();
    expect((await run({}, token)).status).toBe(200);
    const { entries } = (await request(mock.app).get('/_mock/journal').query({ route: '/api/run', limit: 1 })).body;
    expect(entries[0].warnings[0]).toMatch(/iat 99999964000 is \d+ s ahead of the emulator clock.*10-hour cap does not hold/);
    expect(entries[0].why).toMatch(/^Accepted: .* Warning: iat/);
  });

  it('the doctor flags it: iat ahead (DLM-227) and a token that outlives the 10-hour cap (DLM-228)', async () => {
    const r = await request(mock.app).post('/_mock/validate').send({ input: await farFuture() });
    const codes = r.body.findings.map((f: { code: string; severity: string }) => `${f.code}:${f.severity}`);
    expect(codes).toEqual(expect.arrayContaining(['DLM-227:warning', 'DLM-228:warning']));
    expect(r.body.outcome).toEqual({ accepted: true });
  });

  it('strictIat refuses an iat more than clockToleranceSec ahead, with its own reason', async () => {
    await request(mock.app).post('/_mock/settings').send({ strictIat: true, clockToleranceSec: 30 }).expect(200);
    try {
      const r = await run({}, await farFuture());
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 403, mock: { reason: 'TOKEN_IAT_IN_FUTURE' } });
      const now = Math.floor(Date.now() / 1000);
      expect((await run({}, await tokenFor(IDS.chartEmbed, { iat: now + 20, exp: now + 300 }))).status).toBe(200);
      expect((await run({}, await tokenFor(IDS.chartEmbed, { iat: now + 120, exp: now + 300 }))).body.mock.reason).toBe('TOKEN_IAT_IN_FUTURE');
      const doctor = await request(mock.app).post('/_mock/validate').send({ input: await farFuture() });
      expect(doctor.body.findings.find((f: { code: string }) => f.code === 'DLM-227').severity).toBe('error');
      expect(doctor.body.outcome).toMatchObject({ accepted: false, reason: 'TOKEN_IAT_IN_FUTURE' });
    } finally {
      await request(mock.app).post('/_mock/settings').send({ strictIat: false, clockToleranceSec: 0 }).expect(200);
    }
  });

  it('strictIat is a start option too, and reset restores it', async () => {
    const strictApp = await makeApp(undefined, { strictIat: true });
    try {
      const r = await request(strictApp.app).post('/api/run').set('x-dl-embed-token', await farFuture()).send({});
      expect(r.body.mock.reason).toBe('TOKEN_IAT_IN_FUTURE');
      await request(strictApp.app).post('/_mock/settings').send({ strictIat: false }).expect(200);
      await request(strictApp.app).post('/_mock/reset').expect(200);
      expect((await request(strictApp.app).get('/_mock/settings')).body.strictIat).toBe(true);
    } finally {
      await strictApp.close();
    }
  });
});
