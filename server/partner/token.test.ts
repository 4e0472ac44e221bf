import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { parsePayload, payloadOrNull, pythonJsonDumps } from './payload.js';
import { parseAccessToken } from './token.js';

const B64 = Buffer.from('ciphertext bytes').toString('base64'); // 'Y2lwaGVydGV4dCBieXRlcw=='
const SIG = Buffer.from('signature!').toString('base64');

function rejection(fn: () => unknown): MockError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MockError) return e;
    throw e;
  }
  throw new Error('expected a MockError');
}

describe('parseAccessToken', () => {
  it('splits the four parts and decodes both base64 parts', () => {
    const t = parseAccessToken(`1:2:${B64}:${SIG}`);
    expect(t).toMatchObject({ datalensKeyVersion: 1, partnerKeyVersion: 2, ciphertextBase64: B64, trimmed: false });
    expect(t.ciphertext.toString()).toBe('ciphertext bytes');
    expect(t.signature.toString()).toBe('signature!');
  });

  it('ignores whitespace around the token and says so (print() adds a newline)', () => {
    const t = parseAccessToken(`  10:0:${B64}:${SIG}\n`);
    expect(t).toMatchObject({ datalensKeyVersion: 10, partnerKeyVersion: 0, trimmed: true });
  });

  it.each([
    ['not a string', 42, 'token'],
    ['empty', '', 'token'],
    ['three parts', `1:${B64}:${SIG}`, 'token'],
    ['five parts', `1:1:${B64}:${SIG}:x`, 'token'],
    ['a JWT instead', 'eyJhbGciOiJQUzI1NiJ9.eyJ4IjoxfQ.c2ln', 'token'],
    ['a word as the DataLens key version', `v1:1:${B64}:${SIG}`, 'datalens_key_version'],
    ['a negative partner key version', `1:-1:${B64}:${SIG}`, 'partner_key_version'],
    ['a decimal version', `1.0:1:${B64}:${SIG}`, 'datalens_key_version'],
    ['an empty version', `:1:${B64}:${SIG}`, 'datalens_key_version'],
    ['an empty ciphertext', `1:1::${SIG}`, 'encrypted_data'],
    ['base64 garbage in the ciphertext', `1:1:%%%not*base64%%%:${SIG}`, 'encrypted_data'],
    ['unpadded base64 in the signature', `1:1:${B64}:${SIG.replace(/=+$/, '')}`, 'signature'],
    ['URL-safe base64', `1:1:${B64}:${Buffer.from([0xfb, 0xff, 0xfe]).toString('base64url')}`, 'signature'],
    ['a line break inside the ciphertext', `1:1:${B64.slice(0, 8)}\n${B64.slice(8)}:${SIG}`, 'encrypted_data'],
    ["'=' in the middle", `1:1:Y2lw=aGVy:${SIG}`, 'encrypted_data'],
  ])('rejects %s as PARTNER_TOKEN_MALFORMED', (_name, token, field) => {
    const e = rejection(() => parseAccessToken(token));
    expect(e.reason).toBe('PARTNER_TOKEN_MALFORMED');
    expect(e.status).toBe(400);
    expect(e.field).toBe(field);
  });

  it.each([
    ['the DataLens key version', `01:1:${B64}:${SIG}`, 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION', 'datalens_key_version'],
    ['the partner key version', `1:007:${B64}:${SIG}`, 'PARTNER_UNKNOWN_PARTNER_KEY_VERSION', 'partner_key_version'],
    ['a zero written twice', `00:1:${B64}:${SIG}`, 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION', 'datalens_key_version'],
  ])('reads a leading zero in %s as no version, as DataLens finds keys by the text', (_name, token, reason, field) => {
    const e = rejection(() => parseAccessToken(token));
    expect(e).toMatchObject({ reason, field, status: 400 });
    expect(e.message).toMatch(/is no version, not version \d+/);
  });

  it("reads version 0 and 10 as written (str(int) prints them so)", () => {
    expect(parseAccessToken(`0:10:${B64}:${SIG}`)).toMatchObject({ datalensKeyVersion: 0, partnerKeyVersion: 10 });
  });

  it('names the problem of the base64 part in plain words', () => {
    expect(rejection(() => parseAccessToken(`1:1:${B64}:abc-_x`)).message).toMatch(/URL-safe/);
    expect(rejection(() => parseAccessToken(`1:1:abc:${SIG}`)).message).toMatch(/multiple of 4/);
    expect(rejection(() => parseAccessToken(`1:1:${B64}`)).message).toMatch(/3 parts/);
  });
});

describe('parsePayload', () => {
  it('reads db_name from the JSON the partner-connector guide encrypts', () => {
    expect(parsePayload(Buffer.from('{"db_name": "client_1234383"}'))).toEqual({ dbName: 'client_1234383' });
    expect(parsePayload(Buffer.from('{"db_name":"a-b_c","extra":1}'))).toEqual({ dbName: 'a-b_c' });
  });

  it.each([
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00]), 'payload', /not UTF-8/],
    ['not JSON', Buffer.from('db_name=client_1'), 'payload', /not JSON/],
    ['a JSON array', Buffer.from('["client_1"]'), 'payload', /not an object/],
    ['a JSON string', Buffer.from('"client_1"'), 'payload', /not an object/],
    ['without db_name', Buffer.from('{"db": "client_1"}'), 'db_name', /no db_name/],
    ['a number as db_name', Buffer.from('{"db_name": 7}'), 'db_name', /must be a string/],
    ['a path as db_name', Buffer.from('{"db_name": "../other/db"}'), 'db_name', /not a database name/],
    ['an empty db_name', Buffer.from('{"db_name": ""}'), 'db_name', /not a database name/],
    ['after a UTF-8 BOM (json.loads refuses it after .decode("utf-8"))', Buffer.from('\ufeff{"db_name": "client_1"}'), 'payload', /byte order mark/],
  ])('rejects a payload %s as PARTNER_PAYLOAD_INVALID', (_name, bytes, field, message) => {
    const e = rejection(() => parsePayload(bytes));
    expect(e.reason).toBe('PARTNER_PAYLOAD_INVALID');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });
});

describe('payloadOrNull (what the emulator runs on ciphertexts anyone may send)', () => {
  it.each([
    ['a BOM', Buffer.from('\ufeff{"db_name": "client_1"}')],
    ['not UTF-8', Buffer.from([0xc3, 0x28, 0x7b])],
    ['not JSON', Buffer.from('{db_name: client_1}')],
    ['no object', Buffer.from('"client_1"')],
    ['a bad db_name', Buffer.from('{"db_name": "a/b"}')],
  ])('answers null, throwing nothing, for %s', (_name, bytes) => {
    expect(payloadOrNull(bytes)).toBeNull();
  });

  it('accepts what the guide encrypts, with JSON whitespace around it', () => {
    expect(payloadOrNull(Buffer.from(' \n{"db_name": "client_1"}\n'))).toEqual({ dbName: 'client_1' });
  });
});

describe('pythonJsonDumps', () => {
  it.each([
    ['db_name_123', '{"db_name": "db_name_123"}'],
    ['кириллица', '{"db_name": "\\u043a\\u0438\\u0440\\u0438\\u043b\\u043b\\u0438\\u0446\\u0430"}'],
    ['tab\there "q" \\ \u007f 😀', '{"db_name": "tab\\there \\"q\\" \\\\ \\u007f \\ud83d\\ude00"}'],
  ])('prints %j as json.dumps does', (name, expected) => {
    expect(pythonJsonDumps({ db_name: name })).toBe(expected);
  });
});
