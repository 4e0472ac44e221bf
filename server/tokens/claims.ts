import type { ReasonCode } from '../errors/catalogue.js';
import { MAX_LIFETIME_SECONDS, MAX_TOKEN_BYTES, SERVICE_MARK } from './constants.js';
import { isParamValue } from './param-values.js';

/**
 * How a claim failed, as data (jose's `JWTClaimValidationFailed.reason` is the model): `missing`,
 * `invalid` (the wrong type), `milliseconds` (a time in milliseconds, not Unix seconds) or
 * `check_failed` (present and typed, but the rule refuses its value: expired, not yet valid, too
 * long a lifetime, the wrong mark, too large, issued in the future).
 */
export type ClaimFailure = 'missing' | 'invalid' | 'milliseconds' | 'check_failed';

/** One problem with a token's claims: the reason from the catalogue, the claim, how it failed, and plain words. */
export interface ClaimProblem {
  reason: ReasonCode;
  claim: string;
  failure: ClaimFailure;
  message: string;
}

export interface ClaimRules {
  /** Emulator clock, Unix seconds. */
  now: number;
  /** --strict (opt-in): iat/exp required, params values strings or arrays of strings. */
  strict: boolean;
  clockToleranceSec?: number;
  /** --strict-iat: refuse an iat more than clockToleranceSec ahead of `now` (DataLens accepts it). */
  strictIat?: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export { isParamValue };

const describe = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Size rule (always, as DataLens documents it): the token string is at most 30720 bytes. */
export function checkTokenSize(token: string): ClaimProblem[] {
  const bytes = Buffer.byteLength(token, 'utf8');
  if (bytes > MAX_TOKEN_BYTES) {
    return [
      {
        reason: 'TOKEN_TOO_LARGE',
        claim: '(token)',
        failure: 'check_failed',
        message: `The token is ${bytes} bytes; DataLens allows at most ${MAX_TOKEN_BYTES} (30 KB).`,
      },
    ];
  }
  return [];
}

/**
 * An `iat` ahead of the clock. jsonwebtoken accepts it by default, so DataLens most likely does; but
 * `exp - iat <= 10 h` then no longer caps how long the token lives (iat = exp - 36000 far ahead is
 * accepted). Refused only under `strictIat`; the doctor and the journal report it either way.
 */
export function futureIatProblem(payload: Record<string, unknown>, rules: Pick<ClaimRules, 'now' | 'clockToleranceSec'>): ClaimProblem | undefined {
  const { iat, exp } = payload;
  const tolerance = rules.clockToleranceSec ?? 0;
  if (typeof iat !== 'number' || !Number.isFinite(iat) || iat <= rules.now + tolerance) return undefined;
  const outlives = typeof exp === 'number' && exp - rules.now > MAX_LIFETIME_SECONDS;
  const lives = outlives ? ` It stays valid for ${exp - rules.now} s from now (exp ${exp}): the 10-hour cap does not hold.` : '';
  return { reason: 'TOKEN_IAT_IN_FUTURE', claim: 'iat', failure: 'check_failed', message: `iat ${iat} is ${iat - rules.now} s ahead of the emulator clock (${rules.now}).${lives}` };
}

/**
 * Every claim rule in one place (docs/fidelity.md, "Token rules"). Returns all problems, in the order a verifier
 * meets them; the gateway rejects on the first, the doctor reports them all.
 */
export function checkClaims(payload: Record<string, unknown>, rules: ClaimRules): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const tolerance = rules.clockToleranceSec ?? 0;
  const add = (reason: ReasonCode, claim: string, failure: ClaimFailure, message: string) => problems.push({ reason, claim, failure, message });

  if (typeof payload.embedId !== 'string') {
    add('TOKEN_CLAIM_TYPE', 'embedId', payload.embedId === undefined ? 'missing' : 'invalid', `embedId must be a string, got ${describe(payload.embedId)}.`);
  }

  const mark = payload.dlEmbedService;
  if (mark === undefined) {
    add('TOKEN_SERVICE_MARK', 'dlEmbedService', 'missing', `dlEmbedService is missing; it must be "${SERVICE_MARK}".`);
  } else if (mark !== SERVICE_MARK) {
    add('TOKEN_SERVICE_MARK', 'dlEmbedService', 'check_failed', `dlEmbedService is ${JSON.stringify(mark)}; it must be "${SERVICE_MARK}".`);
  }

  const { iat, exp, nbf } = payload;
  for (const [claim, value] of [
    ['iat', iat],
    ['exp', exp],
    ['nbf', nbf],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      add('TOKEN_CLAIM_TYPE', claim, 'invalid', `${claim} must be a number of Unix seconds, got ${describe(value)} ${JSON.stringify(value)}.`);
    }
  }
  if (rules.strict) {
    if (iat === undefined) add('TOKEN_CLAIM_MISSING', 'iat', 'missing', 'iat (issue time, Unix seconds) is missing.');
    if (exp === undefined) add('TOKEN_CLAIM_MISSING', 'exp', 'missing', 'exp (expiry, Unix seconds) is missing.');
  }
  if (typeof exp === 'number') {
    if (exp > 1e11) {
      add('TOKEN_CLAIM_TYPE', 'exp', 'milliseconds', `exp ${exp} looks like milliseconds; JWT times are Unix seconds.`);
    } else if (rules.now >= exp + tolerance) {
      add('TOKEN_EXPIRED', 'exp', 'check_failed', `The token expired ${rules.now - exp} s ago (exp ${exp}, emulator clock ${rules.now}).`);
    }
  }
  if (typeof nbf === 'number' && rules.now + tolerance < nbf) {
    add('TOKEN_EXPIRED', 'nbf', 'check_failed', `The token is not valid before ${nbf} (${nbf - rules.now} s from now on the emulator clock).`);
  }
  if (rules.strictIat) {
    const future = futureIatProblem(payload, rules);
    if (future) problems.push(future);
  }
  if (typeof iat === 'number' && typeof exp === 'number' && exp - iat > MAX_LIFETIME_SECONDS) {
    add(
      'TOKEN_LIFETIME_TOO_LONG',
      'exp',
      'check_failed',
      `exp - iat is ${exp - iat} s (${((exp - iat) / 3600).toFixed(2)} h); the limit is ${MAX_LIFETIME_SECONDS} s (10 h).`,
    );
  }

  const params = payload.params;
  if (params !== undefined) {
    if (!isPlainObject(params)) {
      add('TOKEN_CLAIM_TYPE', 'params', 'invalid', `params must be an object of name -> value, got ${describe(params)}.`);
    } else if (rules.strict) {
      for (const [name, value] of Object.entries(params)) {
        if (!isParamValue(value)) {
          add(
            'TOKEN_PARAMS_TYPE',
            `params.${name}`,
            'invalid',
            `Signed param "${name}" is ${describe(value)} ${JSON.stringify(value)}; use a string or an array of strings.`,
          );
        }
      }
    }
  }
  return problems;
}
