import { constants, createPrivateKey, createPublicKey, publicEncrypt, sign, type KeyObject } from 'node:crypto';
import { pythonJsonDumps } from './payload.js';

/** A key given as a PEM text (or already parsed). */
export type KeyInput = string | KeyObject;

const asPublic = (k: KeyInput): KeyObject => (typeof k === 'string' ? createPublicKey(k) : k);
const asPrivate = (k: KeyInput): KeyObject => (typeof k === 'string' ? createPrivateKey(k) : k);

export interface MintInput {
  datalensPublicKey: KeyInput;
  partnerPrivateKey: KeyInput;
  /** Versions as text, as the partner-connector guide writes them (`'1', '1'`). */
  datalensKeyVersion?: string | number;
  partnerKeyVersion?: string | number;
  /** The bytes to encrypt (seed: `json.dumps({'db_name': ...}).encode()`). */
  plaintext: Buffer;
}

/**
 * Builds an access token exactly as the partner-connector guide's Python sample does: encrypt with the DataLens
 * public key (PKCS#1 v1.5), sign the ciphertext with the partner key (PKCS#1 v1.5, SHA-1), join
 * the versions and the standard base64 of both with ':'.
 */
export function mintAccessTokenFromPlaintext(input: MintInput): string {
  const ciphertext = publicEncrypt({ key: asPublic(input.datalensPublicKey), padding: constants.RSA_PKCS1_PADDING }, input.plaintext);
  const signature = sign('sha1', ciphertext, { key: asPrivate(input.partnerPrivateKey), padding: constants.RSA_PKCS1_PADDING });
  return [
    String(input.datalensKeyVersion ?? '1'),
    String(input.partnerKeyVersion ?? '1'),
    ciphertext.toString('base64'),
    signature.toString('base64'),
  ].join(':');
}

export interface MintAccessTokenInput extends Omit<MintInput, 'plaintext'> {
  dbName: string;
}

/** The guide's sample end to end: `data = json.dumps({'db_name': ...})`, then encrypt, sign, join. */
export function mintAccessToken(input: MintAccessTokenInput): string {
  const { dbName, ...rest } = input;
  return mintAccessTokenFromPlaintext({ ...rest, plaintext: Buffer.from(pythonJsonDumps({ db_name: dbName }), 'utf8') });
}
