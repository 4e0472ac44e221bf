import type { KeyObject } from 'node:crypto';
import { REASONS, isMockError, type ReasonCode } from '../errors/catalogue.js';
import { checkSignature, decryptCiphertext, datalensKeyOf, openPayload, partnerKeyOf } from './access-token.js';
import { parsePayload } from './payload.js';
import { modulusBytes } from './rsa.js';
import { explainSignature, type SignatureVerdict } from './signature.js';
import { parseAccessToken, type ParsedAccessToken } from './token.js';

/** One finding, in the shape of `/_mock/validate` and `doctor`. */
export interface PartnerFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

export interface PartnerTokenReport {
  parts?: { datalensKeyVersion: number; partnerKeyVersion: number; ciphertextBytes: number; signatureBytes: number };
  signature: SignatureVerdict | 'unchecked';
  /** The decrypted payload text: only with `explainPlaintext` (a caller holding the DataLens key). */
  payload?: string;
  dbName?: string;
  findings: PartnerFinding[];
}

export interface InspectKeys {
  /** DataLens private keys by version (the emulator's keyring, or a local PEM). */
  datalensKey?: (version: number) => KeyObject | undefined;
  /** The connector's partner public keys by version. */
  partnerKeys?: ReadonlyMap<number, KeyObject>;
  /**
   * Decrypt even when no partner key is given to check the signature first. Only for a caller who
   * holds the DataLens private key itself (the local CLI); a server must leave it off.
   */
  decryptUnsigned?: boolean;
  /**
   * Say why a ciphertext does not open (bad padding, not JSON, no db_name) and show the plaintext.
   * Only for a caller who holds the DataLens private key itself (the local CLI), who could decrypt
   * anyway. A server leaves it off: its answer is the same for every cause (access-token.ts).
   */
  explainPlaintext?: boolean;
}

const finding = (code: ReasonCode, message?: string): PartnerFinding => ({
  code,
  severity: 'error',
  message: message ?? REASONS[code].message,
  hint: REASONS[code].hint,
});

function fromError(e: unknown): PartnerFinding {
  if (isMockError(e)) return finding(e.reason, e.message);
  throw e;
}

/** Explains a partner access token step by step, never throwing on a bad token (the doctor's engine). */
export function inspectAccessToken(token: string, keys: InspectKeys = {}): PartnerTokenReport {
  const report: PartnerTokenReport = { signature: 'unchecked', findings: [] };
  let t: ParsedAccessToken;
  try {
    t = parseAccessToken(token);
  } catch (e) {
    report.findings.push(fromError(e));
    return report;
  }
  report.parts = {
    datalensKeyVersion: t.datalensKeyVersion,
    partnerKeyVersion: t.partnerKeyVersion,
    ciphertextBytes: t.ciphertext.length,
    signatureBytes: t.signature.length,
  };
  if (t.trimmed) {
    report.findings.push({
      code: 'PARTNER_TOKEN_WHITESPACE',
      severity: 'warning',
      message: 'The token has spaces or a line break around it; the emulator ignores them.',
      hint: 'Hand the user the token exactly as printed, without the trailing newline of print().',
    });
  }

  if (keys.partnerKeys) {
    let partnerKey: KeyObject;
    try {
      partnerKey = partnerKeyOf(t, keys.partnerKeys);
    } catch (e) {
      report.findings.push(fromError(e));
      return report;
    }
    if (modulusBytes(partnerKey) !== 256) {
      report.findings.push({
        code: 'PARTNER_KEY_SIZE',
        severity: 'warning',
        message: `Partner key version ${t.partnerKeyVersion} has ${modulusBytes(partnerKey) * 8} bits; DataLens asks for key_size=2048.`,
        hint: 'Generate the pair with rsa.generate_private_key(public_exponent=65537, key_size=2048), as in the partner-connector guide.',
      });
    }
    try {
      checkSignature(t, partnerKey, keys.partnerKeys);
      report.signature = 'valid';
    } catch (e) {
      report.signature = explainSignature(partnerKey, t.ciphertext, t.signature, t.ciphertextBase64).verdict;
      report.findings.push(fromError(e));
      return report;
    }
  } else {
    report.findings.push({
      code: 'PARTNER_SIGNATURE_UNCHECKED',
      severity: 'warning',
      message: 'The signature was not checked: no partner public key was given.',
      hint: 'Give the connector (--server URL --connector ID) or your public key (--partner-public-key PEM).',
    });
    if (!keys.decryptUnsigned) return report;
  }

  if (!keys.datalensKey) return report;
  let datalensKey: KeyObject;
  try {
    datalensKey = datalensKeyOf(t, keys.datalensKey);
  } catch (e) {
    report.findings.push(fromError(e));
    return report;
  }
  if (!keys.explainPlaintext) {
    try {
      report.dbName = openPayload(t, datalensKey).dbName;
    } catch (e) {
      report.findings.push(fromError(e));
    }
    return report;
  }
  const plaintext = decryptCiphertext(t, datalensKey);
  if (plaintext === null) {
    report.findings.push(finding('PARTNER_DECRYPT_FAILED', `The ciphertext does not decrypt with DataLens key version ${t.datalensKeyVersion}: its PKCS#1 v1.5 padding is not valid (another key, OAEP, or corrupted bytes).`));
    return report;
  }
  report.payload = plaintext.toString('utf8');
  try {
    report.dbName = parsePayload(plaintext).dbName;
  } catch (e) {
    report.findings.push(fromError(e));
  }
  return report;
}
