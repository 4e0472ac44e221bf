import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, basicSeed, makeApp, tokenFor } from '../testing/fixtures.js';
import { MAX_BODY_DEPTH, checkDepth } from './run-body.js';

const MB = 1024 * 1024;
let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp(basicSeed());
});
afterAll(() => mock.close());

describe('gateway body limits', () => {
  it('a run body over 2 MB is 413 naming the limit, before it is parsed', async () => {
    const r = await request(mock.app)
      .post('/api/run')
      .set('x-dl-embed-token', await tokenFor(IDS.chartEmbed))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ params: { region: 'x'.repeat(3 * MB) } }));
    expect(r.status).toBe(413);
    expect(r.body.mock.reason).toBe('PAYLOAD_TOO_LARGE');
    expect(r.body.message).toContain('at most 2 MB');
    expect(r.body.message).toContain('3 MB sent');
  });

  it('a run body the embed page could send (2,000 multi-select values) is read', async () => {
    const values = Array.from({ length: 2000 }, (_, i) => `North ${i}`);
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({ params: { region: values } });
    expect(r.status).toBe(200);
  });
});

describe('the run body as the gateway reads it (routes/json-body.ts, body-parser for the rest)', () => {
  const send = async (type: string, body: string) =>
    request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).set('content-type', type).send(body);
  it.each([
    ['the page body', 'application/json', '{"params":{"region":"North"}}', 200, undefined],
    ['with charset=utf-8', 'application/json; charset=utf-8', '{"params":{}}', 200, undefined],
    ['an empty body, read as {}', 'application/json', '', 200, undefined],
    ['a byte order mark first', 'application/json', '\uFEFF{"params":{"region":"North"}}', 200, undefined],
    ['a JSON string, not an object', 'application/json', '"North"', 400, 'MALFORMED_JSON'],
    ['another charset', 'application/json; charset=latin1', '{"params":{}}', 415, 'INVALID_BODY'],
  ])('%s: %s', async (_name, type, body, status, reason) => {
    const r = await send(type, body);
    expect(r.status).toBe(status);
    expect(r.body.mock?.reason).toBe(reason);
    if (status === 200) expect(r.body.entryId).toBe(IDS.chart);
    if (status === 200 && body.includes('North')) expect(r.body.params).toEqual({ region: 'North' });
  });

  it('another charset is refused naming it', async () => {
    const r = await send('application/json; charset=latin1', '{"params":{}}');
    expect(r.body.message).toContain('unsupported charset "LATIN1"');
  });
});

describe('deep nesting is a 400 naming the field, never a 5xx', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  it.each([
    ['a param nested 5,000 levels (10 KB)', `{"params":{"region":${nested(5000)}}}`, 'params.region'],
    ['a selector id nested 5,000 levels', `{"controlData":{"id":${nested(5000)}}}`, 'controlData.id'],
    ['an unknown field nested 100,000 levels', `{"extra":${nested(100_000)}}`, 'extra.0'],
  ])('%s', async (_name, body, field) => {
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).set('content-type', 'application/json').send(body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ mock: { reason: 'INVALID_BODY' }, field });
    expect(r.body.message).toContain(`more than ${MAX_BODY_DEPTH} levels`);
  });

  it('checkDepth accepts the deepest body the page sends and refuses one level more', () => {
    const atLimit = JSON.parse(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`);
    expect(() => checkDepth(atLimit, 'params')).not.toThrow();
    expect(() => checkDepth([atLimit], 'params')).toThrow(/more than 32 levels/);
  });
});
