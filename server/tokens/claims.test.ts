import { describe, expect, it } from 'vitest';
import { checkClaims, checkTokenSize, futureIatProblem } from './claims.js';
import { SERVICE_MARK } from './constants.js';

const now = 1_700_000_000;
const good = { embedId: 'abcdefghijklm', dlEmbedService: SERVICE_MARK, iat: now - 60, exp: now + 600, params: {} };

describe('checkClaims: every problem carries its reason, claim and failure as data', () => {
  it.each([
    ['embedId missing', { embedId: undefined }, 'TOKEN_CLAIM_TYPE', 'embedId', 'missing'],
    ['embedId a number', { embedId: 7 }, 'TOKEN_CLAIM_TYPE', 'embedId', 'invalid'],
    ['mark missing', { dlEmbedService: undefined }, 'TOKEN_SERVICE_MARK', 'dlEmbedService', 'missing'],
    ['mark wrong', { dlEmbedService: 'YC_DATALENS' }, 'TOKEN_SERVICE_MARK', 'dlEmbedService', 'check_failed'],
    ['iat a string', { iat: '1' }, 'TOKEN_CLAIM_TYPE', 'iat', 'invalid'],
    ['iat missing (strict)', { iat: undefined }, 'TOKEN_CLAIM_MISSING', 'iat', 'missing'],
    ['exp missing (strict)', { exp: undefined }, 'TOKEN_CLAIM_MISSING', 'exp', 'missing'],
    ['exp in milliseconds', { iat: now * 1000, exp: now * 1000 + 600 }, 'TOKEN_CLAIM_TYPE', 'exp', 'milliseconds'],
    ['expired', { exp: now - 1 }, 'TOKEN_EXPIRED', 'exp', 'check_failed'],
    ['not yet valid', { nbf: now + 100 }, 'TOKEN_EXPIRED', 'nbf', 'check_failed'],
    ['lifetime over 10 h', { iat: now - 36_001, exp: now + 1 }, 'TOKEN_LIFETIME_TOO_LONG', 'exp', 'check_failed'],
    ['params an array', { params: [] }, 'TOKEN_CLAIM_TYPE', 'params', 'invalid'],
    ['a param a number (strict)', { params: { region: 1 } }, 'TOKEN_PARAMS_TYPE', 'params.region', 'invalid'],
  ])('%s', (_name, change, reason, claim, failure) => {
    const problems = checkClaims({ ...good, ...change }, { now, strict: true });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ reason, claim, failure });
  });

  it('a valid payload has no problem', () => {
    expect(checkClaims(good, { now, strict: true })).toEqual([]);
  });

  it('size and a future iat fail their check', () => {
    expect(checkTokenSize('x'.repeat(30_721))[0]).toMatchObject({ reason: 'TOKEN_TOO_LARGE', claim: '(token)', failure: 'check_failed' });
    expect(futureIatProblem({ iat: now + 600 }, { now })).toMatchObject({ reason: 'TOKEN_IAT_IN_FUTURE', claim: 'iat', failure: 'check_failed' });
  });
});
