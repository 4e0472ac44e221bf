// The meter and the request id through the HTTP gateway (supertest against a seeded emulator).
import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';

const mock: MockApp = await makeApp();
afterAll(() => mock.close());
const http = () => request(httpOf(mock));
const run = async (embedId: string, body: object = {}) => http().post('/api/run').set('x-dl-embed-token', await tokenFor(embedId)).send(body);
const entry = async () => http().get('/api/embedded-entry').set('x-dl-embed-token', await tokenFor(IDS.dashEmbed));
const LIMIT_BODY = { code: 'ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR', extra: { message: 'Embedded dashboard limit exceeded', hideRetry: true } };

beforeEach(async () => {
  await http().post('/_mock/reset').expect(200);
});

describe('the embedded-query meter', () => {
  it('is off by default: no limit, nothing refused', async () => {
    expect((await http().get('/_mock/settings').expect(200)).body.embedQueryLimit).toBeNull();
    for (let i = 0; i < 3; i++) expect((await run(IDS.chartEmbed)).status).toBe(200);
  });

  it('allows `embedQueryLimit` runs a month, then answers 429 with the limit code and no Retry, on runs and on the dash config', async () => {
    // The dash config load is checked, not counted: it is refused once the month's queries are used up.
    await http().post('/_mock/settings').send({ embedQueryLimit: 3 }).expect(200);
    expect((await run(IDS.chartEmbed)).status).toBe(200);
    expect((await run(IDS.dashEmbed, { id: IDS.chart })).status).toBe(200);
    expect((await entry()).status).toBe(200); // the config load is checked, not counted
    expect((await run(IDS.chartEmbed)).status).toBe(200);
    const over = await run(IDS.chartEmbed);
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ ...LIMIT_BODY, mock: { reason: 'EMBED_USAGE_LIMIT_EXCEEDED' } });
    expect(over.body.mock.message).toContain('3 of 3');
    const dash = await entry();
    expect(dash.status).toBe(429);
    expect(dash.body).toMatchObject(LIMIT_BODY);
  });

  it('counts only verified queries: a bad token is refused as before and not counted', async () => {
    await http().post('/_mock/settings').send({ embedQueryLimit: 1 }).expect(200);
    expect((await http().post('/api/run').set('x-dl-embed-token', 'not-a-jwt').send({})).status).toBe(400);
    expect((await run(IDS.chartEmbed)).status).toBe(200);
    expect((await run(IDS.chartEmbed)).status).toBe(429);
  });

  it('starts again in the next month of the emulator clock, and after a reset', async () => {
    const march = Date.parse('2026-03-15T12:00:00Z') / 1000;
    await http().post('/_mock/clock').send({ now: march }).expect(200);
    await http().post('/_mock/settings').send({ embedQueryLimit: 1 }).expect(200);
    // Tokens valid on the pinned clock.
    const at = async (now: number) => http().post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed, { iat: now - 10, exp: now + 600 })).send({});
    expect((await at(march)).status).toBe(200);
    expect((await at(march)).status).toBe(429);
    const april = Date.parse('2026-04-01T12:00:00Z') / 1000;
    await http().post('/_mock/clock').send({ now: april }).expect(200);
    expect((await at(april)).status).toBe(200);
    await http().post('/_mock/reset').expect(200);
    expect((await http().get('/_mock/settings').expect(200)).body.embedQueryLimit).toBeNull();
  });

  it('refuses a limit that is not a whole number of queries', async () => {
    const r = await http().post('/_mock/settings').send({ embedQueryLimit: -1 });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('embedQueryLimit');
  });

  it('the same view as a fault: reject "embed-usage-limit"', async () => {
    await http().post('/_mock/faults').send({ route: 'embedded-entry', reject: 'embed-usage-limit', times: 1 }).expect(201);
    const r = await entry();
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject(LIMIT_BODY);
    expect((await entry()).status).toBe(200);
  });
});

describe('x-request-id', () => {
  it('every gateway answer carries one; a fresh one per request', async () => {
    const a = await run(IDS.chartEmbed);
    const b = await http().post('/api/run').send({});
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(b.status).toBe(400);
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it.each([
    ['a sane client id is echoed', 'dl-mock-abc.123', 'dl-mock-abc.123'],
    ['a long one is replaced', 'x'.repeat(200), null],
    ['one with spaces is replaced', 'a b', null],
  ])('%s', async (_name, sent, echoed) => {
    const r = await http().post('/api/run').set('x-request-id', sent).send({});
    if (echoed) expect(r.headers['x-request-id']).toBe(echoed);
    else expect(r.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the journal finds the entry by its request id', async () => {
    await http().post('/api/run').set('x-request-id', 'find-me-1').send({});
    await run(IDS.chartEmbed);
    const list = await http().get('/_mock/journal').query({ requestId: 'find-me-1' }).expect(200);
    expect(list.body.entries).toHaveLength(1);
    expect(list.body.entries[0]).toMatchObject({ requestId: 'find-me-1', status: 400 });
  });
});
