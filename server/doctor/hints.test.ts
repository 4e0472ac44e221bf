import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { DEMO_PRIVATE_KEY, ROWS, makeApp, payloadFor, signRaw } from '../testing/fixtures.js';
import type { Report } from './report.js';

// Hints name the cause that applies to the case at hand: a signed, locked param that also sits
// in the link is removed from the link (not allowed in the settings); a param that is only in the
// link and dropped by the lists may be allowed in the settings.
let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp({
    workbooks: [
      {
        id: 'hintworkbook1',
        title: 'Tenants',
        secrets: [{ key: 'k', id: 'hintsecret001', title: 'k', privateKey: DEMO_PRIVATE_KEY }],
        charts: [{ key: 'c', id: 'hintchart0001', title: 'c', rows: ROWS, filters: [{ param: 'org_id', column: 'region' }] }],
        // "Enable all" with org_id private: the tenant id comes only from the token.
        embeds: [{ key: 'e', id: 'hintembed0001', title: 'e', secret: 'k', entry: 'c', publicParamsMode: true, privateParams: ['org_id', 'region'] }],
      },
    ],
  });
});
afterAll(() => mock.close());

const link = async (query: string, params: Record<string, string>) =>
  `http://127.0.0.1/embeds/chart?${query}#dl_embed_token=${await signRaw(payloadFor('hintembed0001', { params }))}`;
const validate = async (input: string) => (await request(mock.app).post('/_mock/validate').send({ input })).body as Report;

describe('DLM-407: a link param dropped by the embed settings', () => {
  it('signed and locked (a tenant org_id): remove it from the link, the signed value wins', async () => {
    const r = await validate(await link('org_id=org-7', { org_id: 'org-42' }));
    const f = r.findings.find((x) => x.code === 'DLM-407')!;
    expect(f.message).toMatch(/"org_id" from the link is dropped: .*signed in the token as "org-42".*that signed value is the one used/);
    expect(f.hint).toMatch(/^Remove "org_id" from the link: the signed value wins/);
    expect(f.hint).toMatch(/Do not allow it in the embed settings/);
  });

  it('only in the link: allow it in the settings, or sign it', async () => {
    const r = await validate(await link('region=North', { org_id: 'org-42' }));
    const f = r.findings.find((x) => x.code === 'DLM-407')!;
    expect(f.message).toMatch(/^"region" from the link is dropped: [^.]*\.$/);
    expect(f.hint).toMatch(/^If the value may come from the link, allow it in the embed settings/);
  });
});

describe('wrong-key hints name where the key came from', () => {
  it('a key created over /rpc: the key returned by createEmbeddingSecret', async () => {
    const rpc = async (method: string, body: object) => (await request(mock.app).post(`/rpc/${method}`).send(body).expect(200)).body;
    const secret = await rpc('createEmbeddingSecret', { workbookId: 'hintworkbook1', title: 'rpc key' });
    const embed = await rpc('createEmbed', { title: 'rpc', embeddingSecretId: secret.embeddingSecretId, entryId: 'hintchart0001' });
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', await signRaw(payloadFor(embed.embedId))).send({});
    expect(r.body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
    expect(r.body.mock.hint).toMatch(/^Sign with the private key returned by createEmbeddingSecret for this key: embeddingSecretId /);
  });

  it("a seed key given inline: the seed's key", async () => {
    const { privateKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('rsa', { modulusLength: 2048 }));
    const token = await signRaw(payloadFor('hintembed0001'), { key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});
    expect(r.body.mock.hint).toMatch(/^Sign with the seed's key \(privateKey in seedData\): embeddingSecretId hintsecret001/);
  });
});
