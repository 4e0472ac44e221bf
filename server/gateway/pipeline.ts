import type { Clock } from '../core/clock.js';
import type { RuntimeSettings } from '../core/config.js';
import { MockError } from '../errors/catalogue.js';
import { resolveRule } from '../params/rules.js';
import type { Store } from '../store/index.js';
import type { ClaimRules } from '../tokens/claims.js';
import { decodeEmbedToken, type DecodedEmbedToken } from '../tokens/decode.js';
import type { PublicKeyCache } from '../tokens/keys.js';
import { verifyEmbedToken, type VerifiedEmbedToken } from '../tokens/verify.js';
import { describeFirstSeen, type FirstSeenJudgement, type FirstSeenTokens } from './first-seen.js';
import type { Entry, PrecedenceRule } from '../core/types.js';

/**
 * The token pipeline of every gateway call (`run`, `embedded-entry`, `export`), and of the doctor's
 * "would the emulator accept it": the UI server's decode, the storage's verify, the entry the
 * request may read, and the precedence rule in force. No HTTP here: routers read the header and
 * hand it over.
 */

/** What the pipeline reads from an emulator: its store, key cache, clock and runtime settings. */
export interface GatewayState {
  store: Store;
  keys: PublicKeyCache;
  clock: Clock;
  settings: RuntimeSettings;
  /** Tokens signed on the real clock while the clock is moved (./first-seen.ts); absent: judged as usual. */
  firstSeen?: FirstSeenTokens;
}

/** The claim rules in force now: the emulator clock and the strictness settings. */
export function claimRules(state: GatewayState): ClaimRules {
  const { strict, clockToleranceSec, strictIat } = state.settings;
  return { now: state.clock.now(), strict, clockToleranceSec, strictIat };
}

/**
 * Both stages of token checking: gateway decode, then storage verification (docs/fidelity.md,
 * "Two-stage check"). `onDecoded` sees the decoded token before verification, so that the request
 * journal can label a rejected request without decoding it again. Throws a catalogued MockError.
 */
export async function authenticate(
  state: GatewayState,
  headerValue: string | string[] | undefined,
  o: { rules?: ClaimRules; onDecoded?: (decoded: DecodedEmbedToken) => void; onFirstSeen?: (j: FirstSeenJudgement) => void } = {},
): Promise<VerifiedEmbedToken> {
  // A page sends the same token with every request: its decode is remembered (the same value
  // each time); a missing, repeated or undecodable one is refused by the same decode every time.
  const decoded = typeof headerValue === 'string' && headerValue !== '' ? state.keys.decode(headerValue, decodeEmbedToken) : decodeEmbedToken(headerValue);
  o.onDecoded?.(decoded);
  if (o.rules || !state.firstSeen) return verifyEmbedToken(decoded, { store: state.store, keys: state.keys, rules: o.rules ?? claimRules(state) });
  const { rules, judgement } = state.firstSeen.judge(decoded.token, decoded.payload, state.clock, claimRules(state));
  if (!judgement) return verifyEmbedToken(decoded, { store: state.store, keys: state.keys, rules });
  o.onFirstSeen?.(judgement);
  return verifyEmbedToken(decoded, { store: state.store, keys: state.keys, rules }).catch((e: unknown) => {
    // The claims check speaks of the shifted clock (iat + age): say what was really judged.
    if (e instanceof MockError && e.reason === 'TOKEN_EXPIRED') throw new MockError('TOKEN_EXPIRED', { message: describeFirstSeen(judgement), field: 'exp', cause: e });
    throw e;
  });
}

/** The precedence rule of signed over unsigned params in force now (it may switch at a cutover). */
export function currentRule(state: Pick<GatewayState, 'clock' | 'settings'>, now = state.clock.now()): PrecedenceRule {
  return resolveRule(state.settings.precedence, now, state.settings.precedenceCutover);
}

/**
 * The storage's "token + id" read: only `entryId ∪ depsIds` may be read, anything else is
 * INCORRECT_ENTRY_ID_FOR_EMBED, which the gateway turns into 409 OUTDATED_DEPENDENCIES.
 */
export function resolveEntry(state: Pick<GatewayState, 'store'>, auth: VerifiedEmbedToken, id: unknown): Entry {
  if (id === undefined || id === null || id === '') return auth.entry;
  if (typeof id !== 'string') throw new MockError('INVALID_BODY', { field: 'id', message: '`id` must be a chart entryId string.' });
  const { embed } = auth;
  if (id !== embed.entryId && !embed.depsIds.includes(id)) {
    throw new MockError('ENTRY_NOT_IN_DEPS', {
      message: `Entry ${id} is neither the embed's entry (${embed.entryId}) nor in its depsIds [${embed.depsIds.join(', ')}].`,
      field: 'id',
    });
  }
  const entry = state.store.entries.get(id);
  if (!entry || entry.workbookId !== auth.secret.workbookId) {
    throw new MockError('ENTRY_NOT_EXISTS', { message: `Entry ${id} (listed in the embed's depsIds) doesn't exist in the embed's workbook.` });
  }
  return entry;
}
