import { compactVerify, errors as joseErrors } from 'jose';
import { MockError } from '../errors/catalogue.js';
import type { EmbeddingInfo, Store } from '../store/index.js';
import type { Entry, Params } from '../core/types.js';
import { checkClaims, checkTokenSize, type ClaimRules } from './claims.js';
import { EMBED_TOKEN_ALG } from './constants.js';
import type { DecodedEmbedToken } from './decode.js';
import { isJsonObject, parseJsonBytes, readCompactJws, type CompactJws } from './jws.js';
import type { PublicKeyCache } from './keys.js';
import { wrongKeyHint } from './key-origin.js';

export interface VerifiedEmbedToken extends EmbeddingInfo {
  entry: Entry;
  payload: DecodedEmbedToken['payload'];
  /** `token.params`: the signed params. */
  signedParams: Params;
}

export interface VerifyContext {
  store: Store;
  keys: PublicKeyCache;
  rules: ClaimRules;
}

/**
 * Checks only the signature: PS256 with the given key. Throws a catalogued MockError.
 * A page sends the same token with every request, so a (token, key) pair that verified once is
 * remembered: the signature is a pure function of both. Everything else (the embed, the entry,
 * exp against the clock) is still looked up and checked on every request, as in DataLens.
 */
export async function verifySignature(input: string | CompactJws, publicKeyPem: string, keys: PublicKeyCache, secretId?: string): Promise<void> {
  const token = typeof input === 'string' ? input : input.token;
  if (keys.verified.get(token) === publicKeyPem) return;
  checkCrit(typeof input === 'string' ? readCompactJws(input) : input);
  try {
    await compactVerify(token, await keys.ps256(publicKeyPem), { algorithms: [EMBED_TOKEN_ALG] });
    keys.rememberVerified(token, publicKeyPem);
  } catch (e) {
    if (e instanceof joseErrors.JOSEAlgNotAllowed) {
      throw new MockError('TOKEN_ALG_NOT_ALLOWED', {
        message: `The token is signed with ${describeAlg(typeof input === 'string' ? readCompactJws(input) : input)}; DataLens accepts only PS256.`,
        field: 'alg',
        cause: e,
      });
    }
    if (e instanceof joseErrors.JOSENotSupported && /alg/i.test((e as Error).message)) {
      throw new MockError('TOKEN_ALG_NOT_ALLOWED', { message: `The token header alg is not usable: ${(e as Error).message}.`, field: 'alg', cause: e });
    }
    throw new MockError('TOKEN_SIGNATURE_INVALID', { cause: e, ...(secretId && { hint: wrongKeyHint(keys, secretId) }) });
  }
}

/**
 * A header with `crit` names JWS extensions the verifier must understand, or refuse the token
 * (RFC 7515, 4.1.11). DataLens's verifier understands none, so any `crit` makes the token invalid:
 * refused before the signature is looked at, with its own reason (docs/fidelity.md, "Token rules").
 */
function checkCrit(jws: CompactJws): void {
  const header = parseJsonBytes(jws.headerBytes);
  if (!header.ok || !isJsonObject(header.value) || !Object.hasOwn(header.value, 'crit')) return;
  throw new MockError('TOKEN_HEADER_CRIT', {
    field: 'crit',
    message: `The token header has crit ${JSON.stringify(header.value.crit)?.slice(0, 100)}: a JWS extension DataLens does not understand, so the token is invalid.`,
  });
}

function describeAlg(jws: CompactJws): string {
  const header = parseJsonBytes(jws.headerBytes);
  if (!header.ok || header.value === null) return 'an unknown alg';
  const alg = isJsonObject(header.value) ? header.value.alg : undefined;
  return typeof alg === 'string' ? alg : 'no alg';
}

/**
 * The storage stage (US; docs/fidelity.md, "Two-stage check"): embedId → one row with the public key → verify
 * (PS256 only) → claims. Throws the first problem as a catalogued MockError.
 */
export async function verifyEmbedToken(decoded: DecodedEmbedToken, ctx: VerifyContext): Promise<VerifiedEmbedToken> {
  const [sizeProblem] = checkTokenSize(decoded.token);
  if (sizeProblem) throw new MockError(sizeProblem.reason, { message: sizeProblem.message, field: sizeProblem.claim });

  const embedId = decoded.embedId;
  const info = typeof embedId === 'string' ? ctx.store.embeds.getEmbeddingInfo(embedId) : undefined;
  if (!info) {
    throw new MockError('EMBED_NOT_EXISTS', {
      message:
        typeof embedId === 'string'
          ? `The embed ${JSON.stringify(embedId)} doesn't exist (never created, deleted, or its key was deleted).`
          : `embedId must be a string, got ${JSON.stringify(embedId)}.`,
      field: 'embedId',
    });
  }

  // A pair that verified before is known without a call (and without a promise to wait for).
  if (ctx.keys.verified.get(decoded.token) !== info.publicKey) await verifySignature(decoded.jws, info.publicKey, ctx.keys, info.secret.embeddingSecretId);

  const [claimProblem] = checkClaims(decoded.payload, ctx.rules);
  if (claimProblem) throw new MockError(claimProblem.reason, { message: claimProblem.message, field: claimProblem.claim });

  const entry = ctx.store.entries.get(info.embed.entryId);
  if (!entry) throw new MockError('ENTRY_NOT_EXISTS');

  const params = decoded.payload.params;
  const signedParams = (typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {}) as Params;
  return { ...info, entry, payload: decoded.payload, signedParams };
}
