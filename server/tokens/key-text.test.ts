import { createPrivateKey, createPublicKey } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PRIVATE_KEY } from '../testing/fixtures.js';
import { KeyInputError, armour, readKeyText, readPrivateKey } from './key-text.js';
import { generateRsaKeyPair, parseRsaPublicKey } from './keys.js';
import { signEmbedToken } from './sign.js';

const key = createPrivateKey(DEMO_PRIVATE_KEY);
const pem = {
  pkcs1: key.export({ type: 'pkcs1', format: 'pem' }).toString(),
  pkcs8: DEMO_PRIVATE_KEY,
  spki: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  'pkcs1-public': createPublicKey(key).export({ type: 'pkcs1', format: 'pem' }).toString(),
} as const;
const bodyOf = (text: string) => text.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

describe('readKeyText: every format DataLens and users use', () => {
  it.each([
    ['pkcs1', 'private'],
    ['pkcs8', 'private'],
    ['spki', 'public'],
    ['pkcs1-public', 'public'],
  ] as const)('%s PEM reads as a %s key, without a problem', (format, kind) => {
    const r = readKeyText(pem[format]);
    expect(r).toMatchObject({ kind, format, problems: [] });
    expect(r.key?.asymmetricKeyType).toBe('rsa');
  });

  it.each(Object.keys(pem) as (keyof typeof pem)[])('%s without armour is read as DER and named no-armour; armour() puts it back', (format) => {
    const r = readKeyText(bodyOf(pem[format]));
    expect(r.format).toBe(format);
    expect(r.problems.map((p) => p.mistake)).toEqual(['no-armour']);
    expect(readKeyText(armour(bodyOf(pem[format]), format)).problems).toEqual([]);
  });
});

describe('readKeyText: the mistakes, each named with its fix', () => {
  it.each([
    ['literal \\n', pem.pkcs1.trim().replace(/\n/g, '\\n'), ['escaped-newlines'], 'private'],
    ['literal \\r\\n', pem.pkcs8.trim().replace(/\n/g, '\\r\\n'), ['escaped-newlines'], 'private'],
    ['quoted JSON, from a .env line (its \\n are literal)', JSON.stringify(pem.spki), ['escaped-newlines'], 'public'],
    ['quoted with real line breaks', `"${pem.spki}"`, [], 'public'],
    ['base64 of a whole PEM file', Buffer.from(pem.pkcs1).toString('base64'), ['no-armour'], 'private'],
    ['an object id', '7ksk3f9x2b1qa', ['object-id'], undefined],
    ["jose's error", 'TypeError: "pkcs8" must be PKCS#8 formatted string', ['jose-pkcs8'], undefined],
    ['random text', 'my secret key', ['unreadable'], undefined],
    ['a broken PEM', '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----', ['unreadable'], undefined],
  ])('%s', (_name, text, mistakes, kind) => {
    const r = readKeyText(text);
    expect(r.problems.map((p) => p.mistake)).toEqual(mistakes);
    expect(r.kind).toBe(kind);
    for (const p of r.problems) expect(p.fix.length).toBeGreaterThan(30);
  });
});

describe('the inputs that sign', () => {
  it('readPrivateKey takes PKCS#1 and PKCS#8, and refuses a public key, an id or a key that needs repair', () => {
    expect(readPrivateKey(pem.pkcs1).type).toBe('private');
    expect(readPrivateKey(pem.pkcs8).type).toBe('private');
    expect(() => readPrivateKey(pem.spki, 'privateKey')).toThrow(/privateKey is a PUBLIC key; signing needs the private key/);
    expect(() => readPrivateKey('7ksk3f9x2b1qa')).toThrow(KeyInputError);
    expect(() => readPrivateKey(bodyOf(pem.pkcs1))).toThrow(/without its PEM armour/);
  });

  it('signEmbedToken signs with a PKCS#1 key (as createEmbeddingSecret hands it out)', async () => {
    const { privateKey } = await generateRsaKeyPair();
    expect(privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const token = await signEmbedToken({ privateKey, embedId: 'abcdefghijklm' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'PS256', typ: 'JWT' });
  });

  it('createEmbeddingSecret {publicKey} reads PKCS#1 public keys and names key mistakes', () => {
    expect(parseRsaPublicKey(pem['pkcs1-public']).type).toBe('public');
    expect(() => parseRsaPublicKey(bodyOf(pem.spki))).toThrow(/must be a PEM string.*without its PEM armour/);
    expect(() => parseRsaPublicKey('7ksk3f9x2b1qa')).toThrow(/object id/);
  });
});
