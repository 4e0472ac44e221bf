import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectAccessToken } from './inspect.js';
import { mintAccessToken } from './mint.js';

const pair = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
const dl = pair();
const partner = pair();
const small = pair(1024);
const token = mintAccessToken({ datalensPublicKey: dl.publicKey, partnerPrivateKey: partner.privateKey, dbName: 'client_1' });
const keys = { datalensKey: (v: number) => (v === 1 ? dl.privateKey : undefined), partnerKeys: new Map([[1, partner.publicKey]]) };
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('inspectAccessToken (the doctor engine)', () => {
  it('explains a good token: parts, a valid signature, the db_name, no findings; the plaintext only to a DataLens key holder', () => {
    const r = inspectAccessToken(token, keys);
    expect(r).toMatchObject({
      parts: { datalensKeyVersion: 1, partnerKeyVersion: 1, ciphertextBytes: 256, signatureBytes: 256 },
      signature: 'valid',
      dbName: 'client_1',
      findings: [],
    });
    expect(r.payload).toBeUndefined();
    expect(inspectAccessToken(token, { ...keys, explainPlaintext: true }).payload).toBe('{"db_name": "client_1"}');
  });

  it('does not decrypt without a partner key to verify first, unless told to (local CLI)', () => {
    const server = inspectAccessToken(token, { datalensKey: keys.datalensKey });
    expect(codes(server)).toEqual(['PARTNER_SIGNATURE_UNCHECKED']);
    expect(server.payload).toBeUndefined();
    const local = inspectAccessToken(token, { datalensKey: keys.datalensKey, decryptUnsigned: true });
    expect(local.dbName).toBe('client_1');
    expect(local.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('stops at a malformed token with one error finding', () => {
    const r = inspectAccessToken('1:1:abc', keys);
    expect(r.parts).toBeUndefined();
    expect(r.findings).toEqual([expect.objectContaining({ code: 'PARTNER_TOKEN_MALFORMED', severity: 'error', hint: expect.any(String) })]);
  });

  it('warns about whitespace around the token', () => {
    expect(codes(inspectAccessToken(`${token}\n`, keys))).toEqual(['PARTNER_TOKEN_WHITESPACE']);
  });

  it('says what a bad signature most likely is', () => {
    const parts = token.split(':');
    const c = Buffer.from(parts[2], 'base64');
    c[0] ^= 1;
    const r = inspectAccessToken([parts[0], parts[1], c.toString('base64'), parts[3]].join(':'), keys);
    expect(r.signature).toBe('other-data');
    expect(codes(r)).toEqual(['PARTNER_SIGNATURE_INVALID']);
    expect(r.payload).toBeUndefined();
  });

  it('warns about a partner key that is not 2048 bits', () => {
    const t = mintAccessToken({ datalensPublicKey: dl.publicKey, partnerPrivateKey: small.privateKey, dbName: 'client_1' });
    const r = inspectAccessToken(t, { ...keys, partnerKeys: new Map([[1, small.publicKey]]) });
    expect(codes(r)).toEqual(['PARTNER_KEY_SIZE']);
    expect(r.dbName).toBe('client_1');
  });

  it('reports unknown versions and a missing DataLens key', () => {
    expect(codes(inspectAccessToken(token, { ...keys, partnerKeys: new Map([[2, partner.publicKey]]) }))).toEqual(['PARTNER_UNKNOWN_PARTNER_KEY_VERSION']);
    expect(codes(inspectAccessToken(token, { ...keys, datalensKey: () => undefined }))).toEqual(['PARTNER_UNKNOWN_DATALENS_KEY_VERSION']);
  });

  it('an invalid payload after a good signature: the uniform failure for a server, the details for a DataLens key holder', () => {
    const t = mintAccessToken({ datalensPublicKey: dl.publicKey, partnerPrivateKey: partner.privateKey, dbName: '../etc' });
    const server = inspectAccessToken(t, keys);
    expect(server.payload).toBeUndefined();
    expect(codes(server)).toEqual(['PARTNER_DECRYPT_FAILED']);
    expect(JSON.stringify(server)).not.toContain('etc');
    const local = inspectAccessToken(t, { ...keys, explainPlaintext: true });
    expect(local.payload).toBe('{"db_name": "../etc"}');
    expect(codes(local)).toEqual(['PARTNER_PAYLOAD_INVALID']);
    const other = mintAccessToken({ datalensPublicKey: partner.publicKey, partnerPrivateKey: partner.privateKey, dbName: 'x' });
    expect(inspectAccessToken(other, { ...keys, explainPlaintext: true }).findings[0].message).toMatch(/padding is not valid/);
  });
});
