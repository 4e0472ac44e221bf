import { isMockError } from '../../errors/catalogue.js';
import type { EmbeddingInfo } from '../../store/index.js';
import { decodeEmbedToken } from '../../tokens/decode.js';
import type { PublicKeyCache } from '../../tokens/keys.js';
import type { Entry, Params } from '../../core/types.js';
import type { DoctorEnv } from '../env.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';
import { checkPayloadClaims } from './claims.js';
import { checkSize, timeFacts } from './facts.js';
import { checkSignature } from './signature.js';
import { readToken } from './structure.js';

export interface TokenResult {
  payload: Record<string, unknown> | null;
  /** `token.params` when it is an object (what DataLens uses as signed params). */
  signedParams: Params;
  /** The embed and its entry, when a server is known and embedId names an embed. */
  info?: EmbeddingInfo;
  entry?: Entry;
}

const STRUCTURE_CODES = /^DLM-(003|1\d\d)$/;
/** A 30 KB payload is no summary line: show its start and say how long it is. */
const clip = (text: string, max = 400) => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`);

/**
 * Every check of an embed token: structure and alg, claims, size, times, then (with a server or
 * a key) embedId and the signature. The gateway's own decoder runs too, so that nothing it would
 * refuse goes unreported.
 */
export async function checkEmbedToken(token: string, env: DoctorEnv, f: Findings, summary: Summary, keys: PublicKeyCache): Promise<TokenResult> {
  const read = readToken(token, f);
  try {
    decodeEmbedToken(token);
  } catch (e) {
    if (!isMockError(e)) throw e;
    if ((e.reason === 'TOKEN_MALFORMED' || e.reason === 'TOKEN_HEADER_REPEATED') && !f.list.some((x) => STRUCTURE_CODES.test(x.code))) {
      f.add('DLM-101', { path: 'token', message: e.message });
    }
  }
  const { header, payload } = read;
  if (header) summary.add('Header', clip(JSON.stringify(header)));
  if (payload) {
    summary.add('Payload', clip(JSON.stringify(payload)));
    checkPayloadClaims(payload, env, f);
    timeFacts(payload, env, summary);
  }
  checkSize(token, payload, env, f, summary);
  const { info, entry } = await checkSignature(read, env, f, summary, keys);
  const params = payload?.params;
  const signedParams = (typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {}) as Params;
  return { payload, signedParams, info, entry };
}
