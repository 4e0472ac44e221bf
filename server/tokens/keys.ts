import { createPublicKey, generateKeyPair, type KeyObject, type webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
import { promisify } from 'node:util';
import { importSPKI } from 'jose';
import { EMBED_TOKEN_ALG } from './constants.js';
import { MockError } from '../errors/catalogue.js';
import { deepFreeze } from '../store/writes.js';
import type { DecodedEmbedToken } from './decode.js';
import { publicSpkiPem, readKeyText } from './key-text.js';


const generateKeyPairAsync = promisify(generateKeyPair);

export interface PemKeyPair {
  publicKey: string;
  privateKey: string;
}

/**
 * An RSA-2048 key pair with e=65537, PEM, as DataLens generates and hands it out: the private key
 * as PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`), the public key as SPKI.
 */
export async function generateRsaKeyPair(): Promise<PemKeyPair> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { publicKey, privateKey };
}

/**
 * Parses a PEM as an RSA public key (SPKI or PKCS#1). A private key PEM is refused: a user who
 * pastes it has leaked it, and the emulator must not store it.
 */
export function parseRsaPublicKey(pem: unknown, field = 'publicKey'): KeyObject {
  if (typeof pem !== 'string') {
    throw new MockError('INVALID_PUBLIC_KEY', { field, message: `${field} must be a PEM string ('-----BEGIN PUBLIC KEY-----…').` });
  }
  if (!pem.includes('-----BEGIN') || /(?:\\r)?\\n/.test(pem)) {
    // The mistakes users make with key text: an id, base64 without armour, literal "\n".
    const [problem] = readKeyText(pem).problems;
    const why = problem ? ` ${problem.message} ${problem.fix}` : '';
    throw new MockError('INVALID_PUBLIC_KEY', { field, message: `${field} must be a PEM string ('-----BEGIN PUBLIC KEY-----…').${why}` });
  }
  if (/PRIVATE KEY-----/.test(pem)) {
    throw new MockError('INVALID_PUBLIC_KEY', {
      field,
      message: `${field} is a PRIVATE key. Send only the public half; never share the private key.`,
    });
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new MockError('INVALID_PUBLIC_KEY', { field, message: `${field} is not a readable PEM key: ${(e as Error).message}.`, cause: e });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new MockError('INVALID_PUBLIC_KEY', {
      field,
      message: `${field} is a ${key.asymmetricKeyType} key; DataLens embedding keys are RSA.`,
    });
  }
  return key;
}

/**
 * Parsed public keys by PEM text. A key is immutable, so caching its parse is safe; an embed and
 * its config are read as stored now on every request (docs/fidelity.md, "Request flow").
 * Also what is a pure function of a token's text: whether its signature verified against a key,
 * and its decode. The claims are still checked on every request, against the clock of that moment.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, KeyObject>();
  private readonly ps256Keys = new Map<string, Promise<CryptoKey>>();
  /** Tokens whose PS256 signature verified, with the PEM it verified against (bounded). */
  readonly verified = new Map<string, string>();
  /** Tokens that decoded, with their decode (bounded; the header and payload are frozen: shared). */
  readonly decoded = new Map<string, DecodedEmbedToken>();
  /** Where each embedding secret's key came from, in words, by embeddingSecretId (server/tokens/key-origin.ts). */
  readonly origins = new Map<string, string>();

  /** `decode(token)`, remembered for a token that decoded; one that did not throws again each time. */
  decode(token: string, decode: (token: string) => DecodedEmbedToken): DecodedEmbedToken {
    let hit = this.decoded.get(token);
    if (!hit) {
      hit = decode(token);
      deepFreeze(hit.header);
      deepFreeze(hit.payload);
      if (this.decoded.size >= 10_000) this.decoded.delete(this.decoded.keys().next().value as string);
      this.decoded.set(token, hit);
    }
    return hit;
  }

  rememberVerified(token: string, pem: string): void {
    if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, pem);
  }

  get(pem: string): KeyObject {
    let key = this.keys.get(pem);
    if (!key) {
      key = createPublicKey(pem);
      if (this.keys.size > 10_000) this.keys.clear();
      this.keys.set(pem, key);
    }
    return key;
  }

  /**
   * The key imported once for PS256 verification: jose verifies through WebCrypto, and a cached
   * CryptoKey makes that about 4x faster than passing a KeyObject on every call.
   */
  ps256(pem: string): Promise<CryptoKey> {
    let key = this.ps256Keys.get(pem);
    if (!key) {
      key = importSPKI(publicSpkiPem(this.get(pem)), EMBED_TOKEN_ALG);
      if (this.ps256Keys.size > 10_000) this.ps256Keys.clear();
      this.ps256Keys.set(pem, key);
      key.catch(() => this.ps256Keys.delete(pem));
    }
    return key;
  }
}
