// What the journal must never keep: token signatures, partner-token signatures, private keys.
// Passwords too: by field name, and inside URLs.
// Everything else stays readable, because the journal exists to explain requests.

import { redactUrlPasswords } from '../core/url-password.js';

export const REDACTED = '[redacted]';
const SIGNATURE_REDACTED = '[signature redacted]';

/** A compact JWS anywhere in a string: header.payload.signature, both first parts base64url JSON. */
const JWS = /\b(eyJ[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)/g;
/** A PEM private key block of any kind (PKCS#8, PKCS#1 RSA, EC, encrypted). */
const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;
/** A partner access token: `<dl version>:<partner version>:<base64 ciphertext>:<base64 signature>`. */
const PARTNER_TOKEN = /^(\s*[0-9]{1,9}:[0-9]{1,9}:[A-Za-z0-9+/=]*:)[A-Za-z0-9+/=\s]{16,}$/;
/** Field names whose string value is a secret whatever it looks like. */
const SECRET_KEY = /private.?key|secret.?key|password|passphrase/i;

/** Redacts secrets inside one string. */
export function redactString(text: string): string {
  let out = redactUrlPasswords(text.replace(PEM_PRIVATE, `[private key ${REDACTED}]`), REDACTED);
  out = out.replace(JWS, (_m, header: string, payload: string) => `${header}.${payload}.${SIGNATURE_REDACTED}`);
  const partner = PARTNER_TOKEN.exec(out);
  if (partner) out = `${partner[1]}${SIGNATURE_REDACTED}`;
  return out;
}

export interface RedactOptions {
  /** Strings longer than this are cut (default 2000 characters). */
  maxString?: number;
  /** Arrays keep at most this many items (default 50). */
  maxItems?: number;
  /** Deeper values are replaced by a marker (default 8). */
  maxDepth?: number;
}

/**
 * A redacted, bounded copy of any JSON-like value: secrets removed by content and by field name,
 * long strings and arrays cut, with a marker saying how much was dropped.
 */
export function redact(value: unknown, o: RedactOptions = {}, depth = 0): unknown {
  const maxString = o.maxString ?? 2000;
  const maxItems = o.maxItems ?? 50;
  const maxDepth = o.maxDepth ?? 8;
  if (typeof value === 'string') {
    const clean = redactString(value);
    return clean.length > maxString ? `${clean.slice(0, maxString)}… (${clean.length - maxString} more characters)` : clean;
  }
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (depth >= maxDepth) return '[too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, maxItems).map((v) => redact(v, o, depth + 1));
    if (value.length > maxItems) items.push(`… (${value.length - maxItems} more items)`);
    return items;
  }
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && typeof v === 'string' && v !== '' ? REDACTED : redact(v, o, depth + 1);
  }
  return out;
}
