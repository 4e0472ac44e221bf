import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { makeApp, systemPython } from '../testing/fixtures.js';

// DataLens's own example app signs a number as a param value (a user id) with a 60-second token,
// and production accepts it. By default the emulator does too, and filters compare the value's
// text: uid 123 selects the rows whose column is 123 or "123" (docs/params.md, "Values that are
// not strings"). --strict refuses it. The key is PKCS#1, as createEmbeddingSecret hands it out.
const sample = join(import.meta.dirname, '../../client-fixtures/samples/example_app_token.py');
const ROWS = [
  { uid: 123, name: 'number' },
  { uid: '123', name: 'text' },
  { uid: 456, name: 'other' },
];

let mock: MockApp;
let privateKey: string;
const embeds: Record<string, string> = {};

beforeAll(async () => {
  mock = await makeApp({ workbooks: [], datasource: { tables: { users: ROWS } } });
  const rpc = async (method: string, body: object) => {
    const res = await request(mock.app).post(`/rpc/${method}`).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const { workbookId } = await rpc('createWorkbook', { title: 'Example app' });
  const secret = await rpc('createEmbeddingSecret', { workbookId, title: 'k' });
  privateKey = secret.privateKey;
  const charts = {
    rows: await rpc('createChart', { workbookId, title: 'rows', rows: ROWS, filters: [{ param: 'uid', column: 'uid' }] }),
    sql: await rpc('createChart', { workbookId, title: 'sql', sql: 'SELECT name FROM users WHERE dl_in(uid, :uid) ORDER BY name' }),
  };
  for (const [k, c] of Object.entries(charts)) embeds[k] = (await rpc('createEmbed', { title: k, embeddingSecretId: secret.embeddingSecretId, entryId: c.entryId })).embedId;
});
afterAll(() => mock.close());

function mint(embedId: string): string {
  try {
    return execFileSync(systemPython(), [sample], { env: { ...process.env, DL_PRIVATE_KEY: privateKey, DL_EMBED_ID: embedId, DL_UID: '123' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    throw new Error(`Could not run the PyJWT sample (${(e as Error).message}). Install: apt-get install python3-jwt python3-cryptography`);
  }
}

const run = (token: string) => request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});

describe("DataLens's example app token (PyJWT, a number uid, 60 s, a PKCS#1 key)", () => {
  it('the key createEmbeddingSecret handed out is PKCS#1', () => {
    expect(privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  });

  it('is accepted by default: the number passes on, and inline rows 123 and "123" are selected', async () => {
    const res = await run(mint(embeds.rows));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.params).toEqual({ uid: 123 });
    expect(res.body.data.rows.map((r: unknown[]) => r[1])).toEqual(['number', 'text']);
  });

  it('is accepted by default on a SQL chart: dl_in(uid, :uid) selects 123 and "123"', async () => {
    const res = await run(mint(embeds.sql));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.rows).toEqual([['number'], ['text']]);
  });

  it('is refused with --strict (TOKEN_PARAMS_TYPE)', async () => {
    await request(mock.app).post('/_mock/settings').send({ strict: true }).expect(200);
    try {
      const res = await run(mint(embeds.rows));
      expect(res.status).toBe(403);
      expect(res.body.mock.reason).toBe('TOKEN_PARAMS_TYPE');
    } finally {
      await request(mock.app).post('/_mock/settings').send({ strict: false }).expect(200);
    }
  });
});
