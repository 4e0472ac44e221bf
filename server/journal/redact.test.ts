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

describe('redaction is linear in the text', () => {
  // Shapes that made the former regular expressions quadratic: 160 KB of them took 15–41 s.
  // 1 MB of each finishes here; a quadratic scan would need hours.
  const MB = 1024 * 1024;
  const shapes: [string, string, (text: string) => string][] = [
    ['header-like segments', 'eyJa.'.repeat(MB / 5), (t) => t.replace(/eyJa\.eyJa\.eyJa/g, 'eyJa.eyJa.[signature redacted]')],
    ['dotted words', 'a.'.repeat(MB / 2), (t) => t],
    ['a header repeated without dots', 'eyJ'.repeat(MB / 3), (t) => t],
    ['URL schemes without credentials', 'a://b:'.repeat(MB / 6), (t) => t],
    ['URL schemes without an @', 'a://b:c '.repeat(MB / 8), (t) => t],
    ['PEM openings without a label end', '-----BEGIN AAAA '.repeat(MB / 16), (t) => t],
    ['a private key opening without its end', `-----BEGIN PRIVATE KEY-----${'A'.repeat(MB)}`, () => '[private key [redacted]]'],
  ];
  it.each(shapes)('1 MB of %s', (_name, text, expected) => {
    expect(redactString(text)).toBe(expected(text));
  });

  it('redacts the signature of every JWS among 1 MB of them', async () => {
    const token = await tokenFor('testembed0001');
    const signature = token.split('.')[2];
    const text = `${token} `.repeat(Math.ceil(MB / (token.length + 1)));
    const out = redactString(text);
    expect(out).not.toContain(signature);
    expect(out.split('[signature redacted]').length - 1).toBe(Math.ceil(MB / (token.length + 1)));
  });
});

describe('URL passwords', () => {
  const cases: [string, string, string][] = [
    ['a plain password', 'http://datalens:s3cret@ch.local:8123/db', 'http://datalens:[redacted]@ch.local:8123/db'],
    ['a password with @', 'https://u:p@ss@w0rd@ch.local/', 'https://u:[redacted]@ch.local/'],
    ['a password with /', 'clickhouse://u:pa/ss@host:9000', 'clickhouse://u:[redacted]@host:9000'],
    ['a password with :', 'http://u:a:b:c@host', 'http://u:[redacted]@host'],
    ['two URLs in one text', 'from http://a:x@h1 to http://b:y@h2', 'from http://a:[redacted]@h1 to http://b:[redacted]@h2'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('leaves a URL without credentials alone', () => {
    expect(redactString('http://host:8123/path?q=1')).toBe('http://host:8123/path?q=1');
  });
});

describe('cut first, then redact', () => {
  it('a JWS that straddles the cut still loses its signature', async () => {
    const token = await tokenFor('testembed0001');
    const signature = token.split('.')[2];
    const text = `${'x'.repeat(1990 - token.length + 20)} ${token} ${'y'.repeat(5000)}`;
    const out = redact(text) as string;
    expect(out).not.toContain(signature.slice(0, 12));
    expect(out).toMatch(/… \(\d+ more characters\)$/);
  });

  it('a 30 MB string is cut to the maximum before any search', () => {
    const out = redact(`http://u:secret@h ${'a.'.repeat(15 * 1024 * 1024)}`) as string;
    expect(out.length).toBeLessThan(2100);
    expect(out.startsWith('http://u:[redacted]@h ')).toBe(true);
  });

  it('an object with many fields keeps the first ones and counts the rest', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    const out = redact(wide) as Record<string, unknown>;
    expect(Object.keys(out)).toHaveLength(51);
    expect(out['…']).toBe('450 more fields');
  });
});
