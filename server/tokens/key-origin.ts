import type { PublicKeyCache } from './keys.js';

/**
 * Where the key of each embedding secret came from, in words ("the seed's key (file keys/app.pem)",
 * "the key returned by createEmbeddingSecret"): a wrong-key rejection names the key the user
 * should sign with, not a generic one.
 */
export const KEY_FROM_RPC = 'the private key returned by createEmbeddingSecret for this key';
export const KEY_FROM_RPC_PUBLIC = 'the private half of the publicKey sent to createEmbeddingSecret';

/** Remembers the origin of every secret of a seed result (its `keyOrigin`). */
export function registerKeyOrigins(keys: PublicKeyCache, seed: { secrets: Record<string, { embeddingSecretId: string; keyOrigin?: string }> }): void {
  for (const s of Object.values(seed.secrets)) if (s.keyOrigin) keys.origins.set(s.embeddingSecretId, s.keyOrigin);
}

/** The hint of a signature that does not verify with the embed's key. */
export function wrongKeyHint(keys: PublicKeyCache, embeddingSecretId: string): string {
  const origin = keys.origins.get(embeddingSecretId);
  const sign = origin
    ? `Sign with ${origin}: embeddingSecretId ${embeddingSecretId}.`
    : `Sign with the private key of embeddingSecretId ${embeddingSecretId}: the seed's key, the key returned by createEmbeddingSecret, or the private half of the publicKey you registered.`;
  return `${sign} PSS salt must be 32 bytes (the default of PyJWT, jsonwebtoken and golang-jwt). \`datalens-mock doctor <token> --key <file>\` says which key signed it.`;
}
