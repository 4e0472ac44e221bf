import { isUtf8 } from 'node:buffer';
import { MockError } from '../errors/catalogue.js';

/**
 * A client database name (DataLens's partner-connector guide: `{"db_name":"client_1234383"}`). ClickHouse names plus '-',
 * so that each maps safely to one SQLite file in the data dir.
 */
export const DB_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;

export function isDbName(name: unknown): name is string {
  return typeof name === 'string' && DB_NAME.test(name);
}

/** What a token carries, once decrypted. */
export interface AccessPayload {
  dbName: string;
}

const invalid = (message: string, field = 'db_name') => new MockError('PARTNER_PAYLOAD_INVALID', { message, field });

/** A short printable excerpt of the decrypted bytes, for the partner who encrypted them. */
function excerpt(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(cut);
}

/** Whitespace JSON allows before a value, then the `{` of an object. */
const OBJECT_START = /^[ \t\n\r]*\{/;

/**
 * The payload of decrypted bytes, or `null` when they are not one, throwing nothing: what the
 * emulator runs on a ciphertext anyone may send (access-token.ts answers every `null` alike). The
 * bytes are read as DataLens reads them (`.decode('utf-8')`, then `json.loads`): strict UTF-8, and a
 * byte order mark is kept, so JSON refuses it. No exception is created on the way (a thrown error
 * costs tens of microseconds, enough to tell valid padding from bad); only bytes that are UTF-8 and
 * start like an object reach JSON.parse.
 */
export function payloadOrNull(plaintext: Buffer): AccessPayload | null {
  if (!isUtf8(plaintext)) return null;
  const text = plaintext.toString('utf8');
  if (!OBJECT_START.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const dbName = (value as Record<string, unknown>).db_name;
  return isDbName(dbName) ? { dbName } : null;
}

/**
 * The decrypted JSON must be an object with a string `db_name` naming a client database; anything
 * else is PARTNER_PAYLOAD_INVALID saying what is wrong (for the holder of the DataLens key: the
 * local CLI and tests).
 */
export function parsePayload(plaintext: Buffer): AccessPayload {
  const payload = payloadOrNull(plaintext);
  if (payload) return payload;
  if (!isUtf8(plaintext)) throw invalid(`The decrypted payload (${plaintext.length} bytes) is not UTF-8 text, so not JSON.`, 'payload');
  const text = plaintext.toString('utf8');
  if (text.startsWith('\ufeff')) {
    throw invalid(
      'The decrypted payload starts with a UTF-8 byte order mark (EF BB BF). DataLens decodes the bytes as plain UTF-8 and json.loads refuses a BOM: encrypt json.dumps(...).encode() as the guide does, without one.',
      'payload',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`The decrypted payload is not JSON: ${excerpt(text)}.`, 'payload');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`The decrypted payload is JSON but not an object: ${excerpt(text)}.`, 'payload');
  }
  const dbName = (value as Record<string, unknown>).db_name;
  if (dbName === undefined) throw invalid(`The decrypted payload has no db_name: ${excerpt(text)}.`);
  if (typeof dbName !== 'string') throw invalid(`db_name must be a string, got ${JSON.stringify(dbName)}.`);
  throw invalid(`db_name ${excerpt(dbName)} is not a database name: use letters, digits, _ and - (at most 128), starting with a letter, digit or _.`);
}

/**
 * `json.dumps({'db_name': name})` as Python prints it (the guide's sample): `", "` and `": "`
 * separators and ensure_ascii (every character outside 0x20..0x7e escaped as lowercase \uXXXX).
 */
export function pythonJsonDumps(obj: Record<string, string>): string {
  const str = (s: string) =>
    JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `{${Object.entries(obj)
    .map(([k, v]) => `${str(k)}: ${str(v)}`)
    .join(', ')}}`;
}
