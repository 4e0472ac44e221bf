import type { ReasonCode } from '../../errors/catalogue.js';
import { ID_PATTERN } from '../../core/ids.js';
import { checkClaims, type ClaimProblem } from '../../tokens/claims.js';
import { MAX_LIFETIME_SECONDS, SERVICE_MARK } from '../../tokens/constants.js';
import type { DlmCode } from '../codes/index.js';
import type { DoctorEnv } from '../env.js';
import type { Findings } from '../findings.js';
import { didYouMean, suggestion } from '../similar.js';

/** The claims DataLens reads (DataLens docs, "Create a token"), and registered JWT claims that are harmless. */
const DATALENS_CLAIMS = ['embedId', 'dlEmbedService', 'iat', 'exp', 'params'];
const JWT_CLAIMS = ['iss', 'sub', 'aud', 'nbf', 'jti'];
/** Rules the emulator applies only in --strict: warnings by default, errors under --strict. */
const STRICT_ONLY: ReasonCode[] = ['TOKEN_CLAIM_MISSING', 'TOKEN_PARAMS_TYPE'];
/** More than a minute ahead: more than rounding between two synced machines. */
const FUTURE_IAT_SLACK = 60;

/** The doctor code of one problem found by the emulator's own claim rules (server/tokens/claims.ts), by its reason, claim and failure. */
function codeOf(p: ClaimProblem): DlmCode {
  switch (p.reason) {
    case 'TOKEN_SERVICE_MARK':
      return p.failure === 'missing' ? 'DLM-210' : 'DLM-211';
    case 'TOKEN_CLAIM_MISSING':
      return p.claim === 'iat' ? 'DLM-220' : 'DLM-221';
    case 'TOKEN_EXPIRED':
      return p.claim === 'nbf' ? 'DLM-225' : 'DLM-224';
    case 'TOKEN_LIFETIME_TOO_LONG':
      return 'DLM-226';
    case 'TOKEN_PARAMS_TYPE':
      return 'DLM-231';
    case 'TOKEN_TOO_LARGE':
      return 'DLM-240';
    default:
      if (p.claim === 'embedId') return p.failure === 'missing' ? 'DLM-201' : 'DLM-202';
      if (p.claim === 'params') return 'DLM-230';
      return p.failure === 'milliseconds' ? 'DLM-223' : 'DLM-222';
  }
}

/** "Did you mean" for a near-miss mark: a typo, the wrong case, or spaces around it. */
function markMessage(p: ClaimProblem, mark: unknown): string {
  if (typeof mark !== 'string' || !didYouMean(mark, [SERVICE_MARK], 10)) return p.message;
  return `dlEmbedService is ${JSON.stringify(mark)}. Did you mean "${SERVICE_MARK}"?`;
}

function paramsMessage(p: ClaimProblem, params: unknown): { message: string; hint?: string } {
  if (typeof params !== 'string') return { message: p.message };
  try {
    JSON.parse(params);
    return {
      message: `${p.message} It is a JSON string: the params object was serialised twice.`,
      hint: 'Put the object itself in the payload: params: {...}, not params: JSON.stringify({...}) / json.dumps({...}).',
    };
  } catch {
    return { message: p.message };
  }
}

/** The measured skew, against whichever clock this run uses (the emulator's, or this machine's). */
function expiredMessage(exp: number, env: DoctorEnv): string {
  return `The token expired ${env.now - exp} s ago (exp ${exp}, ${env.clockLabel} ${env.now}).`;
}

/**
 * Every claim rule, by reusing the emulator's own (checkClaims, always in strict mode so nothing
 * is missed; the strict-only rules are warnings unless the emulator runs with --strict), then the doctor's extras:
 * the embedId shape, times in milliseconds or in the future, misspelt claim names.
 */
export function checkPayloadClaims(payload: Record<string, unknown>, env: DoctorEnv, f: Findings): void {
  for (const p of checkClaims(payload, { now: env.now, strict: true, clockToleranceSec: env.clockToleranceSec })) {
    const code = codeOf(p);
    // A lifetime of millions of hours only repeats that exp is in milliseconds (reported already).
    if (code === 'DLM-226' && typeof payload.exp === 'number' && payload.exp > 1e11) continue;
    const severity = env.strict && STRICT_ONLY.includes(p.reason) ? 'error' : undefined;
    const path = p.claim === '(token)' ? 'token' : `payload.${p.claim}`;
    if (code === 'DLM-211') f.add(code, { path, message: markMessage(p, payload.dlEmbedService), severity });
    else if (code === 'DLM-230') f.add(code, { path, ...paramsMessage(p, payload.params), severity });
    else if (code === 'DLM-224') f.add(code, { path, message: expiredMessage(payload.exp as number, env), severity });
    else f.add(code, { path, message: code === 'DLM-201' || code === 'DLM-210' ? undefined : p.message, severity });
  }

  const { embedId, iat } = payload;
  if (typeof embedId === 'string' && !ID_PATTERN.test(embedId)) {
    f.add('DLM-203', {
      path: 'payload.embedId',
      message: `embedId ${JSON.stringify(embedId)} is not a DataLens ID: ${embedId.length === 13 ? 'only lowercase letters and digits are allowed' : `it has ${embedId.length} characters, not 13`}.`,
    });
  }
  if (typeof iat === 'number' && iat > 1e11) {
    f.add('DLM-223', {
      path: 'payload.iat',
      severity: 'warning',
      message: `iat ${iat} looks like milliseconds; JWT times are Unix seconds. The 10-hour lifetime check cannot work with it.`,
    });
  } else if (typeof iat === 'number' && iat - env.now > (env.strictIat ? 0 : FUTURE_IAT_SLACK) + env.clockToleranceSec) {
    const refused = env.strictIat ? ' This emulator runs with strictIat and refuses it.' : '';
    const severity = env.strictIat ? 'error' : undefined;
    f.add('DLM-227', {
      path: 'payload.iat',
      severity,
      message: `iat is ${iat - env.now} s ahead of the ${env.clockLabel}: the clock of the machine that minted the token is ahead (or the emulator clock is pinned in the past).${refused}`,
    });
    const exp = payload.exp;
    if (typeof exp === 'number' && exp <= 1e11 && exp - env.now > MAX_LIFETIME_SECONDS) {
      f.add('DLM-228', {
        path: 'payload.iat',
        severity,
        message: `The token stays valid for ${exp - env.now} s (${((exp - env.now) / 3600).toFixed(1)} h) from now: iat ${iat} is ${iat - env.now} s ahead, so exp - iat = ${exp - iat} s passes the 10-hour check.${refused}`,
      });
    }
  }
  for (const name of Object.keys(payload)) {
    if (DATALENS_CLAIMS.includes(name) || JWT_CLAIMS.includes(name)) continue;
    const meant = didYouMean(name, DATALENS_CLAIMS, 3);
    if (meant && payload[meant] === undefined) {
      f.add('DLM-232', {
        path: `payload.${name}`,
        message: `The payload has "${name}", which DataLens ignores.${suggestion(name, [meant])}`,
        hint: `Rename "${name}" to "${meant}" in the code that builds the payload.`,
      });
    }
  }
}
