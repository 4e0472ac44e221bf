import { MockError } from '../errors/catalogue.js';

/**
 * The partner access token of DataLens's partner-connector guide:
 * `<datalens_key_version>:<partner_key_version>:<encrypted_data>:<signature>`, where the last two
 * are `b64encode(...)` of the RSA ciphertext and of its signature.
 */
export interface ParsedAccessToken {
  datalensKeyVersion: number;
  partnerKeyVersion: number;
  ciphertext: Buffer;
  signature: Buffer;
  /** The base64 text of the ciphertext as it appeared (used to explain a signature over it). */
  ciphertextBase64: string;
  /** True when whitespace around the token was removed (a copy-paste habit, warned by the doctor). */
  trimmed: boolean;
}

/** Names of the four parts, as the partner-connector guide calls them. */
export const PART_NAMES = ['datalens_key_version', 'partner_key_version', 'encrypted_data', 'signature'] as const;

/** A key version "is an integer" (DataLens's partner-connector guide); Python's str(int) never has a sign. */
const VERSION = /^[0-9]{1,9}$/;
/** The text str(int) prints: no leading zero. */
const CANONICAL_VERSION = /^(?:0|[1-9][0-9]*)$/;
/** Standard base64 with padding, exactly what Python's b64encode prints. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const malformed = (field: string, message: string) => new MockError('PARTNER_TOKEN_MALFORMED', { field, message });

function parseVersion(text: string, field: (typeof PART_NAMES)[0 | 1]): number {
  if (!VERSION.test(text)) {
    throw malformed(field, `${field} must be a non-negative integer (like '1'), got ${JSON.stringify(text.slice(0, 40))}.`);
  }
  if (!CANONICAL_VERSION.test(text)) {
    // DataLens looks a key up by the version's text (docs/fidelity.md, "Partner access tokens as
    // DataLens reads them"): '01' finds no key, it is not version 1.
    const which = field === 'datalens_key_version' ? 'DataLens' : 'partner';
    throw new MockError(field === 'datalens_key_version' ? 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION' : 'PARTNER_UNKNOWN_PARTNER_KEY_VERSION', {
      field,
      message: `The token names ${which} key version ${JSON.stringify(text)}. DataLens finds a key by the version's text, so ${JSON.stringify(text)} is no version, not version ${Number(text)}: write it as str(${Number(text)}) prints it, ${JSON.stringify(String(Number(text)))}.`,
    });
  }
  return Number(text);
}

function describeBase64(text: string): string | undefined {
  if (text === '') return 'is empty';
  if (/\s/.test(text)) return 'contains whitespace or a line break';
  if (/[-_]/.test(text) && /^[A-Za-z0-9\-_]+=*$/.test(text)) return "uses the URL-safe alphabet ('-', '_'); use b64encode, not urlsafe_b64encode";
  if (/[^A-Za-z0-9+/=]/.test(text)) return 'contains characters that are not base64';
  if (text.length % 4 !== 0 || !BASE64.test(text)) return "is not padded base64 (its length must be a multiple of 4, with '=' only at the end)";
  return undefined;
}

function parseBase64(text: string, field: string): Buffer {
  const problem = describeBase64(text);
  if (problem) throw malformed(field, `${field} ${problem}.`);
  return Buffer.from(text, 'base64');
}

/** Splits and decodes a token. Throws PARTNER_TOKEN_MALFORMED naming the part that is wrong. */
export function parseAccessToken(token: unknown): ParsedAccessToken {
  if (typeof token !== 'string' || token.trim() === '') {
    throw malformed('token', 'The access token must be a non-empty string.');
  }
  const text = token.trim();
  const parts = text.split(':');
  if (parts.length !== 4) {
    throw malformed(
      'token',
      `The access token has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by ':'; it needs 4: ${PART_NAMES.join(':')}.`,
    );
  }
  return {
    datalensKeyVersion: parseVersion(parts[0], PART_NAMES[0]),
    partnerKeyVersion: parseVersion(parts[1], PART_NAMES[1]),
    ciphertext: parseBase64(parts[2], PART_NAMES[2]),
    signature: parseBase64(parts[3], PART_NAMES[3]),
    ciphertextBase64: parts[2],
    trimmed: text !== token,
  };
}
