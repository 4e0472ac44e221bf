// Time travel with a backend on the real clock (docs/testing.md, "Time travel with your real backend").
//
// A test moves the emulator clock (`dl.installClock` / `dl.advanceClock`, `POST /_mock/clock`), but the
// team's backend, in its own process and in any language, keeps signing on the real clock: after the
// clock moved 12 minutes ahead, its fresh token carries an `iat` 12 minutes behind the emulator and
// would be refused as expired. So while the clock is pinned, a token that was signed on the real clock
// is judged by its age on the emulator clock since the emulator FIRST SAW it: it counts as issued at
// that emulator moment, and `exp - iat` (its lifetime) runs from there. A token the page keeps past
// its lifetime is still refused.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { ClaimRules } from '../tokens/claims.js';

/** Tokens remembered per emulator (or namespace); the oldest are forgotten past this many. */
export const FIRST_SEEN_CAPACITY = 1000;
/** A backend's clock may run this far ahead of the emulator's host and still count as "the real clock". */
export const REAL_CLOCK_SKEW_SEC = 60;

/** How a token was judged under the first-seen rule (the journal keeps it as `firstSeen`). */
export interface FirstSeenJudgement {
  /** The emulator clock when the emulator first saw the token (Unix seconds). */
  firstSeen: number;
  /** Emulator seconds since then (never negative). */
  age: number;
  /** `exp - iat`: how long the token lives from its first sight. */
  lifetime: number;
  iat: number;
  exp: number;
  /** The emulator clock of this request. */
  clock: number;
}

// A token is its own key up to this length (no hashing on the hot path); a longer one is hashed, so
// that the memory stays bounded by FIRST_SEEN_CAPACITY × this.
const KEY_AS_IS = 2048;
const key = (token: string) => (token.length <= KEY_AS_IS ? token : createHash('sha256').update(token).digest('base64url'));

/** A Map used as a bounded queue: the oldest entry goes first. */
function remember<V>(map: Map<string, V>, k: string, v: V): void {
  map.set(k, v);
  if (map.size > FIRST_SEEN_CAPACITY) map.delete(map.keys().next().value as string);
}

/**
 * The first-seen times of one emulator (or namespace). Bounded; forgotten when the clock returns to
 * real time (and so on every reset). Tokens the emulator mints itself are on its clock by
 * construction (`iat` = the emulator clock): they are marked and always judged the usual way.
 */
export class FirstSeenTokens {
  private readonly seen = new Map<string, number>();
  private readonly minted = new Map<string, true>();
  private clockEpoch = 0;

  /** A token `POST /_mock/tokens` (or `signFor`) signed: judged on the emulator clock, never by first sight. */
  markMinted(token: string): void {
    remember(this.minted, key(token), true);
  }

  get size(): number {
    return this.seen.size;
  }

  /**
   * The claim rules to judge `payload` with. Unchanged, unless the clock is moved and the token was
   * signed on the real clock (its `iat` at most {@link REAL_CLOCK_SKEW_SEC} ahead of real time, its
   * `exp` still ahead of it) and either seen before (on real time too) or signed no earlier than the
   * second the clock moved: then `now` is `iat + age`, its age on the emulator clock since its first
   * sight, so that the usual exp rule refuses it once its lifetime has passed there. A token signed
   * before the move and first shown after it is judged as usual: as old as its `iat` says.
   */
  judge(token: string, payload: Record<string, unknown>, clock: Clock, rules: ClaimRules, realNow = Math.floor(Date.now() / 1000)): { rules: ClaimRules; judgement?: FirstSeenJudgement } {
    if (clock.realTimeReturns !== this.clockEpoch) {
      this.seen.clear();
      this.clockEpoch = clock.realTimeReturns;
    }
    const { iat, exp } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp) || exp <= iat) return { rules };
    const k = key(token);
    if (clock.pinned === null) {
      // On real time every token is judged as usual; a real-clock token seen now is remembered, so that
      // once the clock moves its age counts from this sight, not from the move.
      if (!this.seen.has(k) && iat <= realNow + REAL_CLOCK_SKEW_SEC && realNow < exp) remember(this.seen, k, rules.now);
      return { rules };
    }
    if (this.minted.has(k)) return { rules };
    let firstSeen = this.seen.get(k);
    if (firstSeen === undefined) {
      if (iat > realNow + REAL_CLOCK_SKEW_SEC || realNow >= exp) return { rules }; // not a real-clock token
      // Signed before the clock moved (an earlier second): as old as its iat says, the usual rule.
      if (clock.movedSince !== null && iat < clock.movedSince) return { rules };
      firstSeen = rules.now;
      remember(this.seen, k, firstSeen);
    }
    const age = Math.max(0, rules.now - firstSeen);
    return { rules: { ...rules, now: iat + age }, judgement: { firstSeen, age, lifetime: exp - iat, iat, exp, clock: rules.now } };
  }
}

/** One sentence for the journal and for a rejection: that the rule applied, and the figures. */
export function describeFirstSeen(j: FirstSeenJudgement): string {
  const left = j.lifetime - j.age;
  return (
    `Judged by first sight: the token was signed on the real clock (iat ${j.iat}) while the emulator clock is moved, ` +
    `so its ${j.lifetime} s lifetime (exp - iat) runs from emulator clock ${j.firstSeen}, when the emulator first saw it; ` +
    `age ${j.age} s, ${left > 0 ? `${left} s left` : `expired ${-left} s ago`}.`
  );
}
