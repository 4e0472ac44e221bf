import { constants, privateDecrypt, verify, type KeyObject } from 'node:crypto';
import { unpadPkcs1v15 } from './pkcs1.js';

/** The byte length k of an RSA key's modulus. */
export function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (!bits) throw new TypeError('not an RSA key');
  return Math.ceil(bits / 8);
}

/** The raw RSA private operation c^d mod n, as k bytes (what the bench calls "raw"). */
export function rsaPrivateRaw(key: KeyObject, input: Buffer): Buffer {
  return privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input);
}

/**
 * RSAES-PKCS1-v1_5 decryption (DataLens's partner-connector guide: "padding scheme PKCS1 v1.5"): the raw private
 * operation, then the constant-time unpad of pkcs1.ts. Returns `null` on any failure. A
 * ciphertext of the wrong length or not below the modulus still costs one private operation (on
 * a dummy input), so a failure takes about the same time whatever its cause.
 */
export function decryptPkcs1v15(key: KeyObject, ciphertext: Buffer): Buffer | null {
  const k = modulusBytes(key);
  let usable = ciphertext.length === k;
  let em: Buffer;
  try {
    em = rsaPrivateRaw(key, usable ? ciphertext : Buffer.alloc(k));
  } catch {
    usable = false; // the value is >= n: OpenSSL refuses before exponentiating
    em = rsaPrivateRaw(key, Buffer.alloc(k));
  }
  const message = unpadPkcs1v15(em);
  return usable ? message : null;
}

/** RSASSA-PKCS1-v1_5 with SHA-1 over `data`, as the partner signs. Never throws. */
export function verifySha1Pkcs1v15(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verify('sha1', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}
