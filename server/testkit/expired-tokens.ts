// "No request used an expired token", judged from the journal: each gateway entry keeps the
// token's payload (exp) and the emulator clock of the moment it arrived.
import type { JournalEntry } from '../journal/types.js';

export interface ExpiredTokenRequest {
  entry: JournalEntry;
  /** The token's `exp` (Unix seconds), when it had one. */
  exp?: number;
}

const expOf = (e: JournalEntry): number | undefined => {
  const payload = e.token && 'payload' in e.token ? (e.token.payload as { exp?: unknown } | undefined) : undefined;
  return typeof payload?.exp === 'number' ? payload.exp : undefined;
};

/**
 * Whether the token had expired when the request arrived: on the emulator clock, or, for a token judged
 * by first sight (signed on the real clock while the clock was moved), once its age passed its lifetime.
 */
function hadExpired(entry: JournalEntry, exp: number | undefined): boolean {
  if (entry.firstSeen) return entry.firstSeen.age >= entry.firstSeen.lifetime;
  return exp !== undefined && entry.clock >= exp;
}

/** Gateway requests whose token had expired on the emulator clock when they arrived (or were refused as expired). */
export function expiredTokenRequests(entries: readonly JournalEntry[]): ExpiredTokenRequest[] {
  return entries
    .filter((e) => e.kind === 'gateway')
    .map((entry) => ({ entry, exp: expOf(entry) }))
    .filter(({ entry, exp }) => hadExpired(entry, exp) || entry.rejection?.reason === 'TOKEN_EXPIRED');
}

const iso = (t: number) => new Date(t * 1000).toISOString();

/** One paragraph naming the first offending request (and counting the others). */
export function describeExpiredTokenRequests(found: readonly ExpiredTokenRequest[], checked: number): string {
  if (found.length === 0) return `None of the ${checked} gateway request(s) used an expired token.`;
  const { entry, exp } = found[0];
  const seen = entry.firstSeen;
  const late = seen
    ? ` (signed on the real clock, first seen at emulator clock ${seen.firstSeen}: its ${seen.lifetime} s lifetime had run out ${seen.age - seen.lifetime} s before the request)`
    : exp === undefined
      ? ''
      : ` (exp ${exp} = ${iso(exp)}, ${entry.clock - exp} s before the request)`;
  return (
    `${found.length} of ${checked} gateway request(s) used an expired token. The first: journal entry #${entry.id}, ${entry.route}` +
    `${entry.embedId ? ` for embed ${entry.embedId}` : ''} at emulator clock ${entry.clock} (${iso(entry.clock)}), answered ${entry.status}; its token had expired${late}.\n` +
    `Why: ${entry.why}\nFix: refresh the token before its exp (e.g. 5 minutes before) and post it to the iframe; see it in the journal (dl.journal({kind: 'gateway'})).`
  );
}
