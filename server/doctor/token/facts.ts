import { checkTokenSize } from '../../tokens/claims.js';
import { MAX_LIFETIME_SECONDS, MAX_TOKEN_BYTES } from '../../tokens/constants.js';
import type { DoctorEnv } from '../env.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';

/** Above this share of the 30 KB cap a few more signed values break the token. */
const NEAR_LIMIT = 0.8;

/** "4 min 20 s", "2 h 5 min", "12 s". */
export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

const b64Length = (json: string) => Math.ceil((Buffer.byteLength(json, 'utf8') * 4) / 3);

/**
 * The size rule (the emulator's own checkTokenSize; it applies in every mode) and how much of the room the
 * signed params take: the base64url bytes they add to the payload.
 */
export function checkSize(token: string, payload: Record<string, unknown> | null, env: DoctorEnv, f: Findings, summary: Summary): void {
  const bytes = Buffer.byteLength(token, 'utf8');
  for (const p of checkTokenSize(token)) {
    f.add('DLM-240', { path: 'token', message: p.message });
  }
  if (bytes <= MAX_TOKEN_BYTES && bytes > MAX_TOKEN_BYTES * NEAR_LIMIT) {
    f.add('DLM-241', { path: 'token', message: `The token is ${bytes} bytes, ${Math.round((bytes / MAX_TOKEN_BYTES) * 100)} % of the ${MAX_TOKEN_BYTES}-byte limit.` });
  }
  const pct = Math.round((bytes / MAX_TOKEN_BYTES) * 100);
  summary.add('Size', `${bytes} of ${MAX_TOKEN_BYTES} bytes (${pct} %), ${Math.max(0, MAX_TOKEN_BYTES - bytes)} bytes of room left`);
  if (payload && payload.params !== undefined) {
    const { params, ...rest } = payload;
    const paramsBytes = b64Length(JSON.stringify(payload)) - b64Length(JSON.stringify(rest));
    const count = typeof params === 'object' && params !== null ? Object.keys(params).length : 0;
    summary.add('Signed params', `${count} param${count === 1 ? '' : 's'}, about ${paramsBytes} bytes of the token`);
  }
}

/** When the token was issued and when it expires, measured against the doctor's clock. */
export function timeFacts(payload: Record<string, unknown>, env: DoctorEnv, summary: Summary): void {
  const { iat, exp } = payload;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v < 1e11;
  summary.add('Clock', `${new Date(env.now * 1000).toISOString()} (${env.clockLabel})`);
  if (num(iat)) {
    const d = env.now - iat;
    summary.add('Issued (iat)', d >= 0 ? `${duration(d)} ago` : `${duration(d)} in the future: clock skew of ${-d} s`);
  }
  if (num(exp)) {
    const d = exp - env.now;
    summary.add('Expires (exp)', d > 0 ? `in ${duration(d)}` : `${duration(d)} ago (${-d} s past exp)`);
  }
  if (num(iat) && num(exp)) {
    summary.add('Lifetime', `${duration(exp - iat)} (${exp - iat} s; the limit is ${MAX_LIFETIME_SECONDS} s = 10 h)`);
  }
}
