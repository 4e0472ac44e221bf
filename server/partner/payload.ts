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

/** The decrypted JSON must be an object with a string `db_name` naming a client database. */
export function parsePayload(plaintext: Buffer): AccessPayload {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw invalid(`The decrypted payload (${plaintext.length} bytes) is not UTF-8 text, so not JSON.`, 'payload');
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
  if (!DB_NAME.test(dbName)) {
    throw invalid(`db_name ${excerpt(dbName)} is not a database name: use letters, digits, _ and - (at most 128), starting with a letter, digit or _.`);
  }
  return { dbName };
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
