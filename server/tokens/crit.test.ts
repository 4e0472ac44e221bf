import { constants, createPrivateKey, sign } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { DEMO_PRIVATE_KEY, IDS, makeApp, payloadFor } from '../testing/fixtures.js';

// A header with crit names JWS extensions the verifier must understand or refuse (RFC 7515,
// 4.1.11). DataLens's verifier understands none: the token is invalid (TOKEN_HEADER_CRIT), not a
// bad signature, even when the signature itself is right.
let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

/** PS256 with a 32-byte salt over any header (jose refuses to sign an unknown crit). */
function signWithHeader(header: Record<string, unknown>): string {
  const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b({ alg: 'PS256', typ: 'JWT', ...header })}.${b(payloadFor(IDS.chartEmbed))}`;
  const sig = sign('sha256', Buffer.from(input), { key: createPrivateKey(DEMO_PRIVATE_KEY), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${sig.toString('base64url')}`;
}

describe('a crit header', () => {
  it('a right signature without crit is accepted (the control case)', async () => {
    expect((await request(mock.app).post('/api/run').set('x-dl-embed-token', signWithHeader({})).send({})).status).toBe(200);
  });

  it.each([
    ['an unknown extension', { crit: ['exp-ext'], 'exp-ext': 1 }],
    ['an extension named but absent', { crit: ['http://example.com/ext'] }],
    ['b64 (unencoded payload)', { crit: ['b64'], b64: true }],
    ['a registered name', { crit: ['alg'] }],
    ['an empty list', { crit: [] }],
    ['not a list', { crit: 'x' }],
  ])('%s: 403 TOKEN_HEADER_CRIT, not a bad signature; the doctor says DLM-111', async (_name, header) => {
    const token = signWithHeader(header);
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});
    expect(r.status).toBe(403);
    expect(r.body.mock.reason).toBe('TOKEN_HEADER_CRIT');
    expect(r.body.mock.hint).toMatch(/Remove crit/);
    const doc = (await request(mock.app).post('/_mock/validate').send({ input: token })).body;
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['DLM-111']);
    expect(doc.outcome).toMatchObject({ accepted: false, reason: 'TOKEN_HEADER_CRIT' });
  });
});
