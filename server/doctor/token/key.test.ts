import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server.js';
import { DEMO_PRIVATE_KEY, IDS, makeApp, tokenFor } from '../../testing/fixtures.js';
import { EXIT, runDoctor } from '../cli.js';
import { diagnose } from '../engine.js';
import { offlineEnv } from '../env.js';
import type { Report } from '../report.js';

// The key mistakes users make, wherever the doctor takes a key: as the input (the key a backend
// signs with), `doctor --key`, the `key` of POST /_mock/validate, and the doctor page's key field.
const pkcs1 = createPrivateKey(DEMO_PRIVATE_KEY).export({ type: 'pkcs1', format: 'pem' }).toString();
const spki = createPublicKey(DEMO_PRIVATE_KEY).export({ type: 'spki', format: 'pem' }).toString();
const body = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
const joseError = 'TypeError: "pkcs8" must be PKCS#8 formatted string';

const codesOf = (r: Report) => [...new Set(r.findings.map((f) => f.code))].sort();

const inputCases: { name: string; input: string; codes: string[]; says: RegExp }[] = [
  { name: 'a PKCS#1 key, as DataLens hands it out', input: pkcs1, codes: ['DLM-310'], says: /importPKCS8 refuses it/ },
  { name: 'a PKCS#8 key', input: DEMO_PRIVATE_KEY, codes: [], says: /^$/ },
  { name: "jose's error text pasted", input: joseError, codes: ['DLM-315'], says: /jose's error for a key that is not PKCS#8/ },
  { name: "jose's error text around the key", input: `${joseError}\n${pkcs1}`, codes: ['DLM-315'], says: /jose's error/ },
  { name: 'literal \\n from an env file', input: pkcs1.trim().replace(/\n/g, '\\n'), codes: ['DLM-310', 'DLM-311'], says: /literal backslash-n/ },
  { name: 'base64 without the armour (PKCS#1 body)', input: body(pkcs1), codes: ['DLM-310', 'DLM-312'], says: /base64 without its PEM armour: a PKCS#1/ },
  { name: 'base64 of the whole PEM file', input: Buffer.from(pkcs1).toString('base64'), codes: ['DLM-310', 'DLM-312'], says: /base64 of a whole PEM file/ },
  { name: 'the public key where the private one belongs', input: spki, codes: ['DLM-313'], says: /PUBLIC key; signing needs the private key/ },
];

describe('a key pasted as the doctor input', () => {
  it.each(inputCases)('$name', async ({ input, codes, says }) => {
    const r = await diagnose(input, offlineEnv());
    expect(r.kind).toBe('key');
    expect(codesOf(r)).toEqual(codes);
    expect(r.findings.map((f) => `${f.message} ${f.hint}`).join('\n')).toMatch(says);
    for (const f of r.findings) expect(f.hint.length).toBeGreaterThan(20);
  });
});

describe('a key given with the token (doctor --key, POST /_mock/validate, the doctor page)', () => {
  let mock: MockApp;
  let token: string;
  beforeAll(async () => {
    mock = await makeApp();
    token = await tokenFor(IDS.chartEmbed);
  });
  afterAll(() => mock.close());

  const keyCases: { name: string; key: string; codes: string[] }[] = [
    { name: 'PKCS#1 private: verifies, with the jose warning', key: pkcs1, codes: ['DLM-310'] },
    { name: 'SPKI public: verifies', key: spki, codes: [] },
    { name: 'literal \\n: repaired to verify, and reported', key: spki.trim().replace(/\n/g, '\\n'), codes: ['DLM-311'] },
    { name: 'no armour: read as DER, and reported', key: body(spki), codes: ['DLM-312'] },
    { name: 'an object id', key: '7ksk3f9x2b1qa', codes: ['DLM-314'] },
    { name: "jose's error text", key: joseError, codes: ['DLM-315'] },
  ];

  it.each(keyCases)('POST /_mock/validate: $name', async ({ key, codes }) => {
    const r = (await request(mock.app).post('/_mock/validate').send({ input: token, key })).body as Report;
    expect(codesOf(r)).toEqual(codes);
    // A key that could be read checks the signature (a wrong one would add DLM-306).
    if (!codes.some((c) => c === 'DLM-314' || c === 'DLM-315')) expect(r.summary.find((s) => s.label === 'Signature')?.value).toMatch(/^valid with the key you gave/);
  });

  it.each(keyCases)('doctor --key: $name', async ({ key, codes }) => {
    let out = '';
    const code = await runDoctor(token, { key, json: true }, { stdout: { write: (s: string) => (out += s) }, env: {}, readStdin: async () => '' });
    const r = JSON.parse(out) as Report;
    // Offline, against this machine's clock and without the embed: only the key's own findings and the signature.
    expect(codesOf(r).filter((c) => c.startsWith('DLM-31'))).toEqual(codes.filter((c) => c.startsWith('DLM-31')));
    expect(code).toBe(codes.some((c) => c !== 'DLM-310') ? EXIT.errors : EXIT.ok);
  });

  it('the doctor page takes a key, checks the signature with it, and never shows it again', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const page = await request(mock.app).post('/_mock/doctor').type('form').send({ input: token, key: other });
    expect(page.status).toBe(200);
    expect(page.text).toContain('DLM-306');
    expect(page.text).not.toContain(body(other).slice(0, 40));
    const id = await request(mock.app).post('/_mock/doctor').type('form').send({ input: token, key: '7ksk3f9x2b1qa' });
    expect(id.text).toContain('DLM-314');
  });

  it('a private key pasted as the input names the registered key it belongs to', async () => {
    const r = (await request(mock.app).post('/_mock/validate').send({ input: pkcs1 })).body as Report;
    expect(r.kind).toBe('key');
    expect(r.summary.find((s) => s.label === 'Key')?.value).toBe('RSA-2048 private key, PKCS#1 (-----BEGIN RSA PRIVATE KEY-----)');
    expect(r.summary.find((s) => s.label === 'Registered')?.value).toMatch(new RegExp(`used by embeds? .*${IDS.chartEmbed}`));
  });
});
