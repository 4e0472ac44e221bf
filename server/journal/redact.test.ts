import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PRIVATE_KEY, tokenFor } from '../testing/fixtures.js';
import { REDACTED, redact, redactString } from './redact.js';

const rsaPkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

describe('redactString', () => {
  it('keeps a JWT header and payload but drops its signature', async () => {
    const token = await tokenFor('testembed0001', { params: { region: 'North' } });
    const [header, payload, signature] = token.split('.');
    const out = redactString(`token=${token};`);
    expect(out).toBe(`token=${header}.${payload}.[signature redacted];`);
    expect(out).not.toContain(signature);
  });

  const cases: { name: string; input: string; gone: string; kept?: string }[] = [
    { name: 'a PKCS#8 private key', input: `key: ${DEMO_PRIVATE_KEY.trim()}`, gone: 'PRIVATE KEY-----\n', kept: 'key: [private key [redacted]]' },
    { name: 'a PKCS#1 RSA private key', input: rsaPkcs1, gone: 'MII' },
    { name: 'a cut-off private key with no END line', input: DEMO_PRIVATE_KEY.slice(0, 120), gone: DEMO_PRIVATE_KEY.slice(40, 100) },
    {
      name: 'the signature of a partner access token',
      input: '1:2:QUJDREVGR0hJSktMTU5PUA==:c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU=',
      gone: 'c2lnbmF0dXJl',
      kept: '1:2:QUJDREVGR0hJSktMTU5PUA==:[signature redacted]',
    },
  ];
  it.each(cases)('removes $name', ({ input, gone, kept }) => {
    const out = redactString(input);
    expect(out).not.toContain(gone);
    if (kept !== undefined) expect(out).toBe(kept);
  });

  it.each([
    ['an @', 'http://datalens:p@ss@host:8123', 'http://datalens:[redacted]@host:8123'],
    ['a /', 'url http://datalens:pa/ss@host:8123 end', 'url http://datalens:[redacted]@host:8123 end'],
  ])('removes a URL password that contains %s', (_name, input, output) => {
    expect(redactString(input)).toBe(output);
  });

  it('leaves ordinary text alone (a time is not a partner token)', () => {
    expect(redactString('12:30:00:15')).toBe('12:30:00:15');
    expect(redactString('region=North')).toBe('region=North');
  });
});

describe('redact (deep)', () => {
  it('redacts secret fields by name and secrets by content, at any depth', () => {
    const out = redact({ embeddingSecretId: 'abc', privateKey: 'anything', nested: [{ partnerPrivateKey: 'x', note: DEMO_PRIVATE_KEY }], publicKey: 'PUB' }) as Record<string, unknown>;
    expect(out.privateKey).toBe(REDACTED);
    expect(out.publicKey).toBe('PUB');
    expect(out.embeddingSecretId).toBe('abc');
    expect(JSON.stringify(out)).not.toContain('PRIVATE KEY-----');
    expect((out.nested as Record<string, unknown>[])[0].partnerPrivateKey).toBe(REDACTED);
  });

  it('bounds size: long strings, long arrays and deep nesting are cut with a marker', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(redact('x'.repeat(30), { maxString: 10 })).toBe(`${'x'.repeat(10)}… (20 more characters)`);
    expect(redact([1, 2, 3, 4], { maxItems: 2 })).toEqual([1, 2, '… (2 more items)']);
    expect(redact(deep, { maxDepth: 2 })).toEqual({ a: { b: '[too deep]' } });
  });

  it('keeps numbers, booleans and null as they are', () => {
    expect(redact({ n: 1, b: true, z: null })).toEqual({ n: 1, b: true, z: null });
  });
});
