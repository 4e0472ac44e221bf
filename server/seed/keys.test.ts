import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp, type MockApp } from '../server.js';
import { DEMO_PRIVATE_KEY, signRaw, payloadFor } from '../testing/fixtures.js';

// Seed keys from files (relative to the seed file), in PKCS#1 or PKCS#8, the public key derived
// from the private one; key mistakes and ids named with their fix.
const dir = mkdtempSync(join(tmpdir(), 'dlm-seed-keys-'));
mkdirSync(join(dir, 'keys'));
const pkcs1 = createPrivateKey(DEMO_PRIVATE_KEY).export({ type: 'pkcs1', format: 'pem' }).toString();
const spki = createPublicKey(DEMO_PRIVATE_KEY).export({ type: 'spki', format: 'pem' }).toString();
writeFileSync(join(dir, 'keys/app.pem'), pkcs1);
writeFileSync(join(dir, 'keys/app.pub.pem'), spki);
writeFileSync(join(dir, 'keys/escaped.pem'), pkcs1.trim().replace(/\n/g, '\\n'));

const seedText = (secret: string, id = 'keysembed0001') => `workbooks:
  - title: w
    secrets:
      - key: k
        title: app key
${secret}
    charts:
      - { key: c, title: c, rows: [{ a: "1" }] }
    embeds:
      - { key: e, id: ${id}, title: e, secret: k, entry: c }
`;

const apps: MockApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function seeded(secret: string, name: string, id?: string): Promise<MockApp> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, seedText(secret, id));
  const app = await createMockApp({ inMemory: true, quiet: true, seed: file });
  apps.push(app);
  return app;
}

const run = (app: MockApp, token: string) => request(app.app).post('/api/run').set('x-dl-embed-token', token).send({});

describe('seed keys from files', () => {
  it('privateKeyFile (PKCS#1, relative to the seed): the public key is derived, and the seed signs with it', async () => {
    const app = await seeded('        privateKeyFile: keys/app.pem', 'private-file');
    expect(app.seed.embeds.e.privateKey).toBe(pkcs1);
    expect(app.ctx.store.secrets.get(app.seed.secrets.k.embeddingSecretId)?.publicKey).toBe(spki);
    const token = (await request(app.app).post('/_mock/tokens').send({ embedId: 'e' }).expect(200)).body.token;
    expect((await run(app, token)).status).toBe(200);
    // A token signed by the user's own code with the same PKCS#1 key verifies.
    expect((await run(app, await signRaw(payloadFor('keysembed0001'), { key: pkcs1 }))).status).toBe(200);
  });

  it('publicKeyFile: the public key is registered; tokens signed with its private half verify', async () => {
    const app = await seeded('        publicKeyFile: ./keys/app.pub.pem', 'public-file');
    expect(app.seed.embeds.e.privateKey).toBeUndefined();
    expect((await run(app, await signRaw(payloadFor('keysembed0001'), { key: DEMO_PRIVATE_KEY }))).status).toBe(200);
  });

  it('a wrong-key rejection names the seed key file the token should be signed with', async () => {
    const app = await seeded('        privateKeyFile: keys/app.pem', 'wrong-key');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const r = await run(app, await signRaw(payloadFor('keysembed0001'), { key: other }));
    expect(r.status).toBe(403);
    expect(r.body.mock.reason).toBe('TOKEN_SIGNATURE_INVALID');
    expect(r.body.mock.hint).toMatch(/^Sign with the seed's key \(file .*keys\/app\.pem\): embeddingSecretId /);
    expect(r.body.mock.hint).not.toMatch(/createEmbeddingSecret/);
    // The doctor names the same key.
    const doc = (await request(app.app).post('/_mock/validate').send({ input: await signRaw(payloadFor('keysembed0001'), { key: other }) })).body;
    expect(doc.findings.find((f: { code: string }) => f.code === 'DLM-304').hint).toMatch(/the seed's key \(file .*keys\/app\.pem\)/);
  });

  it.each([
    ['a file that does not exist', '        privateKeyFile: keys/none.pem', /privateKeyFile "keys\/none.pem": cannot read .*keys\/none\.pem \(ENOENT\); paths are relative to the seed file/],
    ['a key file with literal \\n', '        privateKeyFile: keys/escaped.pem', /literal backslash-n.*replace/],
    ['the public key as privateKeyFile', '        privateKeyFile: keys/app.pub.pem', /is a PUBLIC key; signing needs the private key/],
    ['both privateKey and privateKeyFile', `        privateKeyFile: keys/app.pem\n        privateKey: "x"`, /give privateKey or privateKeyFile, not both/],
    ['a private key that is not the half of the public key', `        privateKeyFile: keys/app.pem\n        publicKey: |\n${generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString().trim().split('\n').map((l) => `          ${l}`).join('\n')}`, /is not the private half of publicKey/],
    ['an object id as privateKey', '        privateKey: 7ksk3f9x2b1qa', /13-character DataLens object id .*not a key/],
  ])('%s is refused, naming the fix', async (_name, secret, says) => {
    await expect(seeded(secret, `bad-${Math.random().toString(36).slice(2)}`)).rejects.toThrow(says);
  });

  it('a seed id of the wrong shape says what an id looks like, with an example', async () => {
    await expect(seeded('        privateKeyFile: keys/app.pem', 'bad-id', 'my-embed')).rejects.toThrow(/embeds\[0\]\.id: must be a 13-character DataLens ID \(\[0-9a-z\] only\), e\.g\. "7ksk3f9x2b1qa"/);
  });
});
