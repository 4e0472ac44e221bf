import { constants, createHash, publicDecrypt, type KeyObject } from 'node:crypto';
import { modulusBytes, verifySha1Pkcs1v15 } from './rsa.js';

/**
 * Why a signature does or does not verify. Only public-key operations are used here, so a
 * detailed answer gives nothing away: anyone with the partner's public key can compute it.
 */
export type SignatureVerdict =
  | 'valid'
  | 'wrong-length'
  | 'wrong-hash' // PKCS#1 v1.5 by this key over these bytes, but not with SHA-1
  | 'signed-base64' // PKCS#1 v1.5 + SHA-1 by this key, over the base64 text instead of the bytes
  | 'other-data' // PKCS#1 v1.5 + SHA-1 by this key, over other bytes (ciphertext changed after signing)
  | 'pss' // looks like RSA-PSS, not PKCS#1 v1.5
  | 'not-this-key'; // another key signed, or the signature bytes were altered

export interface SignatureExplanation {
  verdict: SignatureVerdict;
  /** Plain words for the message of the rejection. */
  detail: string;
}

// DER DigestInfo prefixes of RFC 8017 section 9.2, note 1.
const DIGEST_INFO: Record<string, string> = {
  sha1: '3021300906052b0e03021a05000414',
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
  md5: '3020300c06082a864886f70d020505000410',
};

/** T of EM = 0x00 0x01 FF…FF 0x00 T (signature padding), or undefined. */
function signedDigestInfo(em: Buffer): Buffer | undefined {
  if (em[0] !== 0 || em[1] !== 1) return undefined;
  let i = 2;
  while (i < em.length && em[i] === 0xff) i++;
  if (i < 10 || em[i] !== 0) return undefined;
  return em.subarray(i + 1);
}

/** Checks a partner-token signature and, when it fails, says what was most likely signed instead. */
export function explainSignature(key: KeyObject, ciphertext: Buffer, signature: Buffer, ciphertextBase64: string): SignatureExplanation {
  if (verifySha1Pkcs1v15(key, ciphertext, signature)) return { verdict: 'valid', detail: 'The signature is valid.' };
  const k = modulusBytes(key);
  if (signature.length !== k) {
    return {
      verdict: 'wrong-length',
      detail: `The signature has ${signature.length} bytes; a signature by this ${k * 8}-bit key has ${k}.`,
    };
  }
  let em: Buffer;
  try {
    em = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return { verdict: 'not-this-key', detail: 'The signature was not made with this key (it is not even below its modulus): another key signed, or the signature bytes were altered.' };
  }
  const t = signedDigestInfo(em);
  if (t) {
    const hex = t.toString('hex');
    for (const [alg, prefix] of Object.entries(DIGEST_INFO)) {
      if (!hex.startsWith(prefix)) continue;
      const digest = hex.slice(prefix.length);
      if (alg !== 'sha1' && digest === createHash(alg).update(ciphertext).digest('hex')) {
        return { verdict: 'wrong-hash', detail: `The ciphertext was signed with ${alg.toUpperCase()}; DataLens verifies SHA-1 (hashes.SHA1()).` };
      }
      if (alg === 'sha1' && digest === createHash('sha1').update(ciphertextBase64).digest('hex')) {
        return { verdict: 'signed-base64', detail: 'The base64 text of the ciphertext was signed; sign the ciphertext bytes themselves.' };
      }
    }
    return {
      verdict: 'other-data',
      detail: 'The signature was made with this key, but over other bytes: the ciphertext was changed after signing (or something else was signed).',
    };
  }
  if (em[em.length - 1] === 0xbc && (em[0] & 0x80) === 0) {
    return { verdict: 'pss', detail: 'The signature looks like RSA-PSS; DataLens verifies PKCS#1 v1.5 (padding.PKCS1v15()).' };
  }
  return { verdict: 'not-this-key', detail: 'The signature was not made with this key: another key signed, or the signature bytes were altered.' };
}
