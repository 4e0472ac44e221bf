import { constants, generateKeyPairSync, publicEncrypt, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { openAccessToken, type AccessKeys } from './access-token.js';
import { mintAccessToken, mintAccessTokenFromPlaintext } from './mint.js';
import { decryptPkcs1v15 } from './rsa.js';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const dl1 = pair();
const dl2 = pair();
const p1 = pair();
const p2 = pair();
const stranger = pair();

const keys: AccessKeys = {
  datalensKey: (v) => ({ 1: dl1.privateKey, 2: dl2.privateKey })[v],
  partnerKeys: new Map([
    [1, p1.publicKey],
    [2, p2.publicKey],
  ]),
};

const mint = (o: { dl?: KeyObject; partner?: KeyObject; versions?: [string, string]; db?: string } = {}) =>
  mintAccessToken({
    datalensPublicKey: o.dl ?? dl1.publicKey,
    partnerPrivateKey: o.partner ?? p1.privateKey,
    datalensKeyVersion: o.versions?.[0] ?? '1',
    partnerKeyVersion: o.versions?.[1] ?? '1',
    dbName: o.db ?? 'client_1',
  });
const mintBytes = (plaintext: string) =>
  mintAccessTokenFromPlaintext({ datalensPublicKey: dl1.publicKey, partnerPrivateKey: p1.privateKey, plaintext: Buffer.from(plaintext) });

/** Rebuilds a token from its parts after changing some of them. */
function withParts(token: string, change: (p: { c: Buffer; s: Buffer; v: [string, string] }) => void): string {
  const [a, b, c, s] = token.split(':');
  const parts = { c: Buffer.from(c, 'base64'), s: Buffer.from(s, 'base64'), v: [a, b] as [string, string] };
  change(parts);
  return [...parts.v, parts.c.toString('base64'), parts.s.toString('base64')].join(':');
}
const signWith = (alg: string, data: Buffer, key = p1.privateKey, padding: number = constants.RSA_PKCS1_PADDING) =>
  sign(alg, data, { key, padding });

function rejection(token: string): MockError {
  try {
    openAccessToken(token, keys);
  } catch (e) {
    if (e instanceof MockError) return e;
    throw e;
  }
  throw new Error('the token was accepted');
}

describe('openAccessToken', () => {
  it('accepts a token minted as the partner-connector guide does, and returns db_name and the versions', () => {
    expect(openAccessToken(mint(), keys)).toEqual({ dbName: 'client_1', datalensKeyVersion: 1, partnerKeyVersion: 1 });
  });

  it('accepts every combination of valid key versions (rotation: several valid at once)', () => {
    for (const [dl, dv] of [[dl1, '1'], [dl2, '2']] as const) {
      for (const [p, pv] of [[p1, '1'], [p2, '2']] as const) {
        const opened = openAccessToken(mint({ dl: dl.publicKey, partner: p.privateKey, versions: [dv, pv], db: `db_${dv}_${pv}` }), keys);
        expect(opened).toEqual({ dbName: `db_${dv}_${pv}`, datalensKeyVersion: Number(dv), partnerKeyVersion: Number(pv) });
      }
    }
  });

  // One row per rejection of the "Done when", plus the other catalogued causes.
  const rows: [string, () => string, string, RegExp][] = [
    ['tampered ciphertext', () => withParts(mint(), (p) => void (p.c[100] ^= 1)), 'PARTNER_SIGNATURE_INVALID', /over other bytes/],
    ['tampered signature', () => withParts(mint(), (p) => void (p.s[100] ^= 1)), 'PARTNER_SIGNATURE_INVALID', /not made with this key/],
    ['a signature by another key', () => mint({ partner: stranger.privateKey }), 'PARTNER_SIGNATURE_INVALID', /not made with this key/],
    ['swapped versions', () => withParts(mint({ partner: p2.privateKey, versions: ['1', '2'] }), (p) => void p.v.reverse()), 'PARTNER_KEY_VERSION_MISMATCH', /verifies with partner key version 2/],
    ['a payload that is not JSON', () => mintBytes('db_name=client_1'), 'PARTNER_DECRYPT_FAILED', /to a JSON object with a valid db_name/],
    ['a payload without db_name', () => mintBytes('{"database": "client_1"}'), 'PARTNER_DECRYPT_FAILED', /to a JSON object with a valid db_name/],
    ['base64 garbage', () => '1:1:@@not-base64@@:!!', 'PARTNER_TOKEN_MALFORMED', /not base64/],
    ['a wrong number of parts', () => mint().split(':').slice(1).join(':'), 'PARTNER_TOKEN_MALFORMED', /3 parts/],
    ['an unknown DataLens key version', () => mint({ versions: ['7', '1'] }), 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION', /version 7/],
    ['an unknown partner key version', () => mint({ versions: ['1', '9'] }), 'PARTNER_UNKNOWN_PARTNER_KEY_VERSION', /versions 1, 2/],
    ['encryption with another DataLens key version', () => mint({ dl: dl2.publicKey, versions: ['1', '1'] }), 'PARTNER_DECRYPT_FAILED', /DataLens key version 1/],
    [
      'OAEP instead of PKCS#1 v1.5',
      () => {
        const c = publicEncrypt({ key: dl1.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from('{"db_name": "x"}'));
        return `1:1:${c.toString('base64')}:${signWith('sha1', c).toString('base64')}`;
      },
      'PARTNER_DECRYPT_FAILED',
      /does not decrypt/,
    ],
    ['a SHA-256 signature', () => withParts(mint(), (p) => void (p.s = signWith('sha256', p.c))), 'PARTNER_SIGNATURE_INVALID', /SHA256.*SHA-1/],
    ['a signature over the base64 text', () => withParts(mint(), (p) => void (p.s = signWith('sha1', Buffer.from(p.c.toString('base64'))))), 'PARTNER_SIGNATURE_INVALID', /base64 text/],
    ['an RSA-PSS signature', () => withParts(mint(), (p) => void (p.s = signWith('sha1', p.c, p1.privateKey, constants.RSA_PKCS1_PSS_PADDING))), 'PARTNER_SIGNATURE_INVALID', /PSS/],
    ['a truncated signature', () => withParts(mint(), (p) => void (p.s = p.s.subarray(1))), 'PARTNER_SIGNATURE_INVALID', /255 bytes/],
  ];

  it.each(rows)('rejects %s with its own code, a 4xx and a plain-words message', (_name, make, code, message) => {
    const e = rejection(make());
    expect(e.reason).toBe(code);
    expect(e.status).toBeGreaterThanOrEqual(400);
    expect(e.status).toBeLessThan(500);
    expect(e.message).toMatch(message);
    expect(e.hint.length).toBeGreaterThan(20);
  });

  it('gives the same body for every cause of a failed decryption (no padding oracle)', () => {
    const signed = (c: Buffer) => `1:1:${c.toString('base64')}:${signWith('sha1', c).toString('base64')}`;
    const raw = (block: Buffer) => publicEncrypt({ key: dl1.publicKey, padding: constants.RSA_NO_PADDING }, block);
    const badHeader = Buffer.alloc(256, 7);
    badHeader[0] = 0;
    const noSeparator = Buffer.alloc(256, 9);
    noSeparator[0] = 0;
    noSeparator[1] = 2;
    const shortPs = Buffer.alloc(256, 3);
    shortPs[0] = 0;
    shortPs[1] = 2;
    shortPs[6] = 0;
    // Valid padding around what is not a usable payload must look exactly like bad padding.
    const padded = (text: string) => publicEncrypt({ key: dl1.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text));
    const payloads = ['client_1', 'db_name=client_1', '{"database": "client_1"}', '[1]', '{"db_name": 5}', '{"db_name": "../x"}', '\u00ff\u00fe'].map(padded);
    const bodies = [raw(badHeader), raw(noSeparator), raw(shortPs), Buffer.alloc(255, 1), Buffer.alloc(256, 0xff), ...payloads].map((c) => {
      const e = rejection(signed(c));
      return { reason: e.reason, status: e.status, message: e.message, hint: e.hint, field: e.field };
    });
    expect(bodies[0].reason).toBe('PARTNER_DECRYPT_FAILED');
    expect(bodies).toHaveLength(12);
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    // Nothing of a plaintext is echoed.
    expect(JSON.stringify(bodies)).not.toMatch(/client_1|\\"database|\.\.\/x/);
  });

  it('never decrypts before the signature is checked', () => {
    // A ciphertext the DataLens key cannot decrypt, with a bad signature: the signature error wins.
    expect(rejection(withParts(mint(), (p) => void (p.c = Buffer.alloc(256, 0xff)))).reason).toBe('PARTNER_SIGNATURE_INVALID');
  });
});

describe('cross-check with node-forge (an independent PKCS#1 v1.5 implementation)', () => {
  const forgeKey = forge.pki.privateKeyFromPem(dl1.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const forgeDecrypt = (c: Buffer) => Buffer.from(forgeKey.decrypt(c.toString('binary'), 'RSAES-PKCS1-V1_5'), 'binary');

  it('decrypts 20 tokens exactly as forge does', () => {
    for (let i = 0; i < 20; i++) {
      const c = Buffer.from(mint({ db: `client_${i}_${'x'.repeat(i)}` }).split(':')[2], 'base64');
      const ours = decryptPkcs1v15(dl1.privateKey, c);
      expect(ours).toEqual(forgeDecrypt(c));
    }
  });

  it('fails where forge fails (wrong key, bad padding)', () => {
    const c = Buffer.from(mint({ dl: dl2.publicKey }).split(':')[2], 'base64');
    expect(decryptPkcs1v15(dl1.privateKey, c)).toBeNull();
    expect(() => forgeDecrypt(c)).toThrow();
  });

  it('verifies the signatures forge makes (PKCS#1 v1.5, SHA-1)', () => {
    const forgePartner = forge.pki.privateKeyFromPem(p1.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    const c = publicEncrypt({ key: dl1.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('{"db_name": "forge_made"}'));
    const md = forge.md.sha1.create();
    md.update(c.toString('binary'));
    const s = Buffer.from(forgePartner.sign(md), 'binary');
    expect(openAccessToken(`1:1:${c.toString('base64')}:${s.toString('base64')}`, keys).dbName).toBe('forge_made');
  });
});
