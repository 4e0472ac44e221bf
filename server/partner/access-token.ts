import type { KeyObject } from 'node:crypto';
import { MockError } from '../errors/catalogue.js';
import { payloadOrNull, type AccessPayload } from './payload.js';
import { decryptPkcs1v15, verifySha1Pkcs1v15 } from './rsa.js';
import { explainSignature } from './signature.js';
import { parseAccessToken, type ParsedAccessToken } from './token.js';

/** The keys one connector's tokens are checked with. */
export interface AccessKeys {
  /** The DataLens private key of a version (the emulator's own keyring). */
  datalensKey(version: number): KeyObject | undefined;
  /** The connector's partner public keys by version (several valid at once, for rotation). */
  partnerKeys: ReadonlyMap<number, KeyObject>;
}

export interface OpenedAccessToken extends AccessPayload {
  datalensKeyVersion: number;
  partnerKeyVersion: number;
}

/** The DataLens key of the token's first version, or PARTNER_UNKNOWN_DATALENS_KEY_VERSION. */
export function datalensKeyOf(t: ParsedAccessToken, datalensKey: AccessKeys['datalensKey']): KeyObject {
  const key = datalensKey(t.datalensKeyVersion);
  if (!key) {
    throw new MockError('PARTNER_UNKNOWN_DATALENS_KEY_VERSION', {
      field: 'datalens_key_version',
      message: `The token names DataLens key version ${t.datalensKeyVersion}, which does not exist.`,
    });
  }
  return key;
}

/** The partner key of the token's second version, or PARTNER_UNKNOWN_PARTNER_KEY_VERSION. */
export function partnerKeyOf(t: ParsedAccessToken, partnerKeys: AccessKeys['partnerKeys']): KeyObject {
  const key = partnerKeys.get(t.partnerKeyVersion);
  if (!key) {
    const known = [...partnerKeys.keys()].sort((a, b) => a - b).join(', ') || 'none';
    throw new MockError('PARTNER_UNKNOWN_PARTNER_KEY_VERSION', {
      field: 'partner_key_version',
      message: `The token names partner key version ${t.partnerKeyVersion}; this connector has versions ${known}.`,
    });
  }
  return key;
}

/**
 * The signature (PKCS#1 v1.5, SHA-1) over the ciphertext bytes, with the named
 * partner key version. Checked before anything is decrypted, so only the partner can make the
 * emulator decrypt.
 */
export function checkSignature(t: ParsedAccessToken, partnerKey: KeyObject, partnerKeys: ReadonlyMap<number, KeyObject>): void {
  if (verifySha1Pkcs1v15(partnerKey, t.ciphertext, t.signature)) return;
  for (const [version, key] of partnerKeys) {
    if (version !== t.partnerKeyVersion && verifySha1Pkcs1v15(key, t.ciphertext, t.signature)) {
      throw new MockError('PARTNER_KEY_VERSION_MISMATCH', {
        field: 'partner_key_version',
        message: `The signature verifies with partner key version ${version}, but the token names version ${t.partnerKeyVersion}.`,
      });
    }
  }
  const { detail } = explainSignature(partnerKey, t.ciphertext, t.signature, t.ciphertextBase64);
  throw new MockError('PARTNER_SIGNATURE_INVALID', {
    field: 'signature',
    message: `The signature does not verify with partner key version ${t.partnerKeyVersion}. ${detail}`,
  });
}

/**
 * The one answer to every ciphertext that does not open to a usable payload: bad padding, bytes that
 * are not UTF-8 or not JSON, JSON that is not an object, no `db_name` or a bad one. A caller who
 * tells these apart learns whether a ciphertext has valid PKCS#1 v1.5 padding, which is a
 * Bleichenbacher oracle; and anyone can register a connector, sign someone else's ciphertext and ask.
 * So the status, code, message and field are the same for all, and nothing of the plaintext is echoed.
 */
export function undecryptable(t: Pick<ParsedAccessToken, 'datalensKeyVersion'>): MockError {
  return new MockError('PARTNER_DECRYPT_FAILED', {
    field: 'encrypted_data',
    message: `The ciphertext does not decrypt, with DataLens key version ${t.datalensKeyVersion}, to a JSON object with a valid db_name.`,
  });
}

/**
 * Step 2.2 of the partner-connector guide, reversed: PKCS#1 v1.5 decryption with the named DataLens key version (constant
 * time: raw RSA plus a constant-time unpad, rsa.ts and pkcs1.ts). `null` on bad padding, so that only
 * a caller holding the DataLens key itself (the local CLI) may learn more.
 */
export function decryptCiphertext(t: ParsedAccessToken, datalensKey: KeyObject): Buffer | null {
  return decryptPkcs1v15(datalensKey, t.ciphertext);
}

/**
 * Decrypt → payload, with one uniform failure ({@link undecryptable}) whatever went wrong. Bad
 * padding and valid padding around bytes that are no payload take the same path to that failure:
 * no exception is created before it (payload.ts, payloadOrNull).
 */
export function openPayload(t: ParsedAccessToken, datalensKey: KeyObject): AccessPayload {
  const plaintext = decryptCiphertext(t, datalensKey);
  const payload = plaintext === null ? null : payloadOrNull(plaintext);
  if (payload) return payload;
  throw undecryptable(t);
}

/** Parse → versions → signature → decrypt → payload. Throws the first catalogued rejection. */
export function openAccessToken(token: unknown, keys: AccessKeys): OpenedAccessToken {
  const t = parseAccessToken(token);
  const datalensKey = datalensKeyOf(t, keys.datalensKey);
  const partnerKey = partnerKeyOf(t, keys.partnerKeys);
  checkSignature(t, partnerKey, keys.partnerKeys);
  const payload = openPayload(t, datalensKey);
  return { ...payload, datalensKeyVersion: t.datalensKeyVersion, partnerKeyVersion: t.partnerKeyVersion };
}
