import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Params } from '../core/types.js';
import { SERVICE_MARK } from './constants.js';

export interface SignEmbedTokenOptions {
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
  return new SignJWT(payload).setProtectedHeader({ alg: 'PS256', typ: 'JWT' }).sign(createPrivateKey(o.privateKey));
}
