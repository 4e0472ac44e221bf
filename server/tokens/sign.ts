import { SignJWT } from 'jose';
import type { Params } from '../core/types.js';
import { SERVICE_MARK } from './constants.js';
import { readPrivateKey } from './key-text.js';

export interface SignEmbedTokenOptions {
  /** PEM: PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`, as DataLens hands it out) or PKCS#8. */
  privateKey: string;
  embedId: string;
  /** Lifetime in seconds (default 360, as in the official samples). */
  ttl?: number;
  params?: Params;
  /** Issue time, Unix seconds (default: now). */
  now?: number;
}

/** Mints an embed token exactly as the official samples do (DataLens docs, "Create a token"): PS256, same payload. */
export async function signEmbedToken(o: SignEmbedTokenOptions): Promise<string> {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const payload = {
    embedId: o.embedId,
    dlEmbedService: SERVICE_MARK,
    iat: now,
    exp: now + (o.ttl ?? 360),
    params: o.params ?? {},
  };
  return new SignJWT(payload).setProtectedHeader({ alg: 'PS256', typ: 'JWT' }).sign(readPrivateKey(o.privateKey, 'privateKey'));
}
