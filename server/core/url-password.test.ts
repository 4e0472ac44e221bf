import { describe, expect, it } from 'vitest';
import { redactUrlPasswords, splitUrlCredentials } from './url-password.js';

describe('redactUrlPasswords', () => {
  it.each([
    ['a plain password', 'http://datalens:s3cret@host:8123', 'http://datalens:***@host:8123', 's3cret'],
    ['a password with @', 'see http://datalens:p@ss@host:8123/ now', 'see http://datalens:***@host:8123/ now', 'p@ss'],
    ['a password with /', 'url=http://datalens:pa/ss@host:8123', 'url=http://datalens:***@host:8123', 'pa/ss'],
    ['a password with @ and / and :', 'https://u:a/b@c:d@host', 'https://u:***@host', 'a/b@c:d'],
    ['an empty user name', 'http://:pw@host', 'http://:***@host', 'pw'],
    ['two URLs on one line', 'http://a:x@h1 and http://b:y/z@h2', 'http://a:***@h1 and http://b:***@h2', 'y/z'],
  ])('removes %s', (_name, input, output, gone) => {
    expect(redactUrlPasswords(input, '***')).toBe(output);
    expect(redactUrlPasswords(input, '***')).not.toContain(gone);
  });

  it.each([
    ['a URL without credentials', 'http://host:8123/path?x=1'],
    ['a port and an @ in another word', 'http://host:8123 mail me@example.com'],
    ['a time', '12:30:00'],
  ])('leaves %s alone', (_name, input) => {
    expect(redactUrlPasswords(input, '***')).toBe(input);
  });

  it('reads a long run of credential starts once (no quadratic rescans)', () => {
    const text = 'a://b:'.repeat(50_000);
    expect(redactUrlPasswords(text, '***')).toBe(text);
    const withAt = `${'a://b:'.repeat(50_000)}x@host`;
    expect(redactUrlPasswords(withAt, '***')).toBe('a://b:***@host');
  });
});

describe('splitUrlCredentials', () => {
  it('splits at the last @, keeping raw @ and / in the password', () => {
    expect(splitUrlCredentials('http://datalens:p@s/s@127.0.0.1:8123')).toEqual({ scheme: 'http://', username: 'datalens', password: 'p@s/s', rest: '127.0.0.1:8123' });
  });
  it('finds none in a URL without a password', () => {
    expect(splitUrlCredentials('http://127.0.0.1:8123')).toBeUndefined();
    expect(splitUrlCredentials('http://user@127.0.0.1:8123')).toBeUndefined();
  });
});
