// What the journal must never keep: token signatures, partner-token signatures, private keys.
// Passwords too: by field name, and inside URLs.
// Everything else stays readable, because the journal exists to explain requests.
//
// Cut first, then redact: a value is first copied within fixed bounds (`bound`), and only that copy
// is searched for secrets. Every search below is a single forward scan, so the work done for one
// request is linear in the bounded copy, never in what the client sent.

import { redactUrlPasswords } from '../core/url-password.js';

export const REDACTED = '[redacted]';
const SIGNATURE_REDACTED = '[signature redacted]';

/** A partner access token: `<dl version>:<partner version>:<base64 ciphertext>:<base64 signature>` (anchored: one attempt). */
const PARTNER_TOKEN = /^(\s*[0-9]{1,9}:[0-9]{1,9}:[A-Za-z0-9+/=]*:)[A-Za-z0-9+/=\s]{16,}$/;
/** Field names whose string value is a secret whatever it looks like. */
const SECRET_KEY = /private.?key|secret.?key|password|passphrase/i;
/** Characters searched past a cut, so that a secret straddling it is still recognised (an RS512 signature is 683). */
const CUT_MARGIN = 1024;

const isBase64Url = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d /* - */ || c === 0x5f; /* _ */

/** Whether the segment [start, end) holds a JWS header: `eyJ` at its start or after a `-` in it. */
function opensJws(text: string, start: number, end: number): boolean {
  for (let p = start; p + 3 <= end; p++) {
    if ((p === start || text.charCodeAt(p - 1) === 0x2d) && text.charCodeAt(p) === 0x65 && text.charCodeAt(p + 1) === 0x79 && text.charCodeAt(p + 2) === 0x4a) return true;
  }
  return false;
}

/**
 * Every compact JWS (`eyJ….payload.signature`) keeps its header and payload and loses its signature.
 * One pass: runs of base64url characters joined by single dots are read once, left to right.
 */
function redactJws(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isBase64Url(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // A run of segments: seg(.seg)*; `ends[k]` is where segment k ends.
    const starts: number[] = [i];
    const ends: number[] = [];
    let j = i;
    for (;;) {
      while (j < n && isBase64Url(text.charCodeAt(j))) j++;
      ends.push(j);
      if (j < n && text.charCodeAt(j) === 0x2e /* . */) {
        starts.push(++j);
        continue;
      }
      break;
    }
    for (let k = 0; k + 2 < starts.length; k++) {
      // The header starts a segment, or follows a `-` inside it (a word boundary before `eyJ`).
      if (ends[k + 2] === starts[k + 2] || !opensJws(text, starts[k], ends[k])) continue;
      out += text.slice(copied, starts[k + 2]) + SIGNATURE_REDACTED;
      copied = ends[k + 2];
      k += 2;
    }
    i = j;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A PEM private key block of any kind (PKCS#8, PKCS#1 RSA, EC, encrypted); without its END line, up to the end. */
function redactPem(text: string): string {
  const BEGIN = '-----BEGIN ';
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf(BEGIN, from);
    if (at < 0) break;
    let j = at + BEGIN.length;
    while (j < text.length && /[A-Z0-9 ]/.test(text[j]) && !text.startsWith('PRIVATE KEY-----', j)) j++;
    if (!text.startsWith('PRIVATE KEY-----', j)) {
      from = j;
      continue;
    }
    const label = text.slice(at + BEGIN.length, j);
    const endMarker = `-----END ${label}PRIVATE KEY-----`;
    const end = text.indexOf(endMarker, j);
    out += `${text.slice(copied, at)}[private key ${REDACTED}]`;
    copied = end < 0 ? text.length : end + endMarker.length;
    from = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Redacts secrets inside one string. Linear in its length. */
export function redactString(text: string): string {
  const out = redactJws(redactUrlPasswords(redactPem(text), REDACTED));
  const partner = PARTNER_TOKEN.exec(out);
  return partner ? `${partner[1]}${SIGNATURE_REDACTED}` : out;
}

export interface RedactOptions {
  /** Strings longer than this are cut (default 2000 characters). */
  maxString?: number;
  /** Arrays keep at most this many items, objects this many fields (default 50). */
  maxItems?: number;
  /** Deeper values are replaced by a marker (default 8). */
  maxDepth?: number;
  /** Characters of strings and names kept in the whole copy (default 32 KiB), unless a shared budget is given. */
  budget?: number;
}

/** A string cut by `bound`: its head (with a margin to redact across the cut) and its full length. */
class CutString {
  constructor(
    /** The kept characters and up to CUT_MARGIN more. */
    readonly head: string,
    /** How many characters of `head` are shown. */
    readonly keep: number,
    readonly length: number,
  ) {}
}

/** A fresh flat copy: a slice of a large string would keep the whole string alive. */
const detach = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/** Characters one journal entry may still keep; shared by the `bound` copies of one entry. */
export interface Budget {
  left: number;
}

/** The budget of one journal entry, and of a copy without a shared budget: every field it keeps draws from it. */
export const ENTRY_BUDGET = 32 * 1024;
export const entryBudget = (): Budget => ({ left: ENTRY_BUDGET });

function boundInner(value: unknown, o: Required<RedactOptions>, depth: number, budget: Budget): unknown {
  if (typeof value === 'string') {
    const keep = Math.min(o.maxString, Math.max(0, budget.left));
    budget.left -= Math.min(value.length, keep) + 8;
    return value.length > keep ? new CutString(detach(value.slice(0, keep + CUT_MARGIN)), keep, value.length) : value;
  }
  if (value === null || typeof value !== 'object') {
    budget.left -= 8;
    return typeof value === 'bigint' ? String(value) : value;
  }
  if (depth >= o.maxDepth) return '[too deep]';
  if (budget.left <= 0) return '… (cut: the journal keeps a bounded copy)';
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    let i = 0;
    for (; i < value.length && i < o.maxItems && budget.left > 0; i++) items.push(boundInner(value[i], o, depth + 1, budget));
    if (i < value.length) items.push(`… (${value.length - i} more items)`);
    return items;
  }
  const out: Record<string, unknown> = {};
  let kept = 0;
  let more = 0;
  // for…in reads keys one at a time: an object with a million fields is not listed whole.
  for (const k in value as Record<string, unknown>) {
    if (!Object.hasOwn(value, k)) continue;
    if (kept >= o.maxItems || budget.left <= 0) {
      more++;
      if (more >= 1000) break;
      continue;
    }
    kept++;
    const name = k.length > 200 ? detach(k.slice(0, 200)) : k;
    budget.left -= name.length;
    const v = (value as Record<string, unknown>)[k];
    out[name] = SECRET_KEY.test(name) && typeof v === 'string' && v !== '' ? REDACTED : boundInner(v, o, depth + 1, budget);
  }
  if (more) out['…'] = `${more >= 1000 ? 'at least ' : ''}${more} more fields`;
  return out;
}

function options(o: RedactOptions): Required<RedactOptions> {
  return { maxString: o.maxString ?? 2000, maxItems: o.maxItems ?? 50, maxDepth: o.maxDepth ?? 8, budget: o.budget ?? ENTRY_BUDGET };
}

/**
 * A bounded copy of any JSON-like value, not yet redacted (cheap: no search). Strings are cut,
 * arrays and objects shortened, depth limited, and the whole copy holds at most `budget` characters
 * (plus small markers). Fields named like a secret are already dropped. Finish it with `redactBounded`.
 */
export function bound(value: unknown, o: RedactOptions = {}, budget: Budget = { left: options(o).budget }): unknown {
  return boundInner(value, options(o), 0, budget);
}

/** Redacts a copy made by `bound` (its cut strings get their marker). */
export function redactBounded(value: unknown): unknown {
  if (value instanceof CutString) {
    // The margin past the cut is searched too, then dropped.
    const clean = redactString(value.head);
    return `${clean.slice(0, value.keep)}… (${value.length - value.keep} more characters)`;
  }
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactBounded);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactBounded(v);
  return out;
}

/**
 * A redacted, bounded copy of any JSON-like value: secrets removed by content and by field name,
 * long strings, arrays and objects cut, with a marker saying how much was dropped.
 */
export function redact(value: unknown, o: RedactOptions = {}, budget?: Budget): unknown {
  return redactBounded(bound(value, o, budget));
}

/** One string, cut to `max` characters first and then redacted (the journal's label of a malformed token). */
export function redactCut(text: string, max: number): string {
  return redactBounded(bound(text, { maxString: max })) as string;
}
