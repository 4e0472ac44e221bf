import { execFileSync } from 'node:child_process';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { makeApp, systemPython } from '../testing/fixtures.js';

// Embeds created over /rpc accept tokens minted by each official sample (DataLens docs, "Create a token"): PyJWT,
// jsonwebtoken and golang-jwt. The runtimes are installed by .ci/run (python3-jwt, golang-go,
// golang-github-golang-jwt-jwt-dev); a missing one fails here with the package to install.
const samples = join(import.meta.dirname, '../../client-fixtures/samples');

let mock: MockApp;
let privateKey: string;
let embedId: string;
let entryId: string;

beforeAll(async () => {
  mock = await makeApp({ workbooks: [] });
  const rpc = async (method: string, body: object) => {
    const res = await request(mock.app).post(`/rpc/${method}`).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const { workbookId } = await rpc('createWorkbook', { title: 'Samples' });
  const secret = await rpc('createEmbeddingSecret', { workbookId, title: 'k' });
  privateKey = secret.privateKey;
  const chart = await rpc('createChart', { workbookId, title: 'c', rows: [{ a: 1 }, { a: 2 }] });
  entryId = chart.entryId;
  embedId = (await rpc('createEmbed', { title: 'e', embeddingSecretId: secret.embeddingSecretId, entryId })).embedId;
});
afterAll(() => mock.close());

function mint(cmd: string, args: string[], install: string, extraEnv: Record<string, string> = {}): string {
  try {
    return execFileSync(cmd, args, {
      env: { ...process.env, DL_PRIVATE_KEY: privateKey, DL_EMBED_ID: embedId, ...extraEnv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (e) {
    throw new Error(`Could not run the ${cmd} sample (${(e as Error).message}). Install: ${install}`);
  }
}

async function expectAccepted(token: string) {
  const res = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.entryId).toBe(entryId);
  expect(res.body.data.rows).toEqual([[1], [2]]);
}

describe('tokens minted by the official samples are accepted', () => {
  it('Python PyJWT', async () => {
    await expectAccepted(mint(systemPython(), [join(samples, 'mint_token.py')], 'apt-get install python3-jwt python3-cryptography'));
  });

  it('Node jsonwebtoken', async () => {
    await expectAccepted(mint('node', [join(samples, 'mint-token.cjs')], 'npm install (jsonwebtoken is a dev dependency)', {
      NODE_PATH: join(import.meta.dirname, '../../node_modules'),
    }));
  });

  it('Go golang-jwt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlm-go-'));
    copyFileSync(join(samples, 'mint_token.go'), join(dir, 'main.go'));
    const token = mint('go', ['run', join(dir, 'main.go')], 'apt-get install golang-go golang-github-golang-jwt-jwt-dev', {
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      GOCACHE: join(dir, 'cache'),
      GOFLAGS: '',
    });
    await expectAccepted(token);
  }, 120_000);
});
