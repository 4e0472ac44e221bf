// Signs a DataLens embed token with nothing but node:crypto: PS256 (RSA-PSS, SHA-256, 32-byte salt),
// the same bytes PyJWT, jsonwebtoken and golang-jwt produce (DataLens docs, "Create a token").
import { constants, createPrivateKey, sign } from 'node:crypto';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * @param {{privateKey: string, embedId: string, ttl?: number, params?: Record<string, string | string[]>, now?: number}} o
 * @returns {{token: string, iat: number, exp: number}}
 */
export function signEmbedToken({ privateKey, embedId, ttl = 600, params = {}, now = Math.floor(Date.now() / 1000) }) {
  const payload = { embedId, dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK', iat: now, exp: now + ttl, params };
  const input = `${b64url({ alg: 'PS256', typ: 'JWT' })}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: createPrivateKey(privateKey),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return { token: `${input}.${signature.toString('base64url')}`, iat: payload.iat, exp: payload.exp };
}
