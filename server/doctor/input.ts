import { EMBED_TOKEN_KEY } from '../links/embed-link.js';
import { looksLikeCsp } from './link/csp.js';
import type { InputKind } from './report.js';
import { JOSE_PKCS8_ERROR } from '../tokens/key-text.js';

export interface ClassifiedInput {
  kind: InputKind | 'empty';
  /** The text to check: trimmed, unquoted, and for a pasted <iframe> its src. */
  text: string;
}

/** An <iframe … src="…"> pasted whole: check its src. */
function iframeSrc(text: string): string | undefined {
  const m = /<iframe\b[^>]*\bsrc\s*=\s*(["'])(.*?)\1/is.exec(text);
  return m?.[2].replace(/&amp;/g, '&');
}

/** Quotes a user copied along with the value (from JSON, a shell line or code). */
function unquote(text: string): string {
  const m = /^(["'`])([\s\S]*)\1$/.exec(text);
  return m ? m[2].trim() : text;
}

const looksLikeLink = (t: string) => /^https?:\/\//i.test(t) || t.startsWith('/') || t.includes('/embeds/') || t.includes(EMBED_TOKEN_KEY);

/**
 * A key rather than a token: PEM (also with literal \n), base64 of a key's DER body (RSA keys start
 * "MII") or of a PEM file ("LS0tLS1CRUdJTi" is "-----BEGIN"), or jose's error for a PKCS#1 key.
 */
const looksLikeKey = (t: string) =>
  /-----BEGIN [A-Z ]*KEY-----/.test(t) || JOSE_PKCS8_ERROR.test(t) || /^(MII|LS0tLS1CRUdJTi)[A-Za-z0-9+/=\s]{60,}$/.test(t);

/**
 * What the user pasted: a key (the one a backend signs with), an embed link, a partner access token (`v:v:base64:base64`, the only
 * input with ':' but no URL shape), an embed token (a JWT has dots and never ':'), or none.
 */
export function classifyInput(raw: string): ClassifiedInput {
  let text = unquote(raw.trim());
  const src = iframeSrc(text);
  if (src !== undefined) text = src.trim();
  // A header line or an Authorization value copied from the browser's network tab.
  text = text.replace(/^(x-dl-embed-token\s*:\s*|bearer\s+)/i, '').trim();
  if (text === '') return { kind: 'empty', text };
  if (looksLikeKey(text)) return { kind: 'key', text };
  if (/^[[{]/.test(text)) return { kind: 'unknown', text };
  // A host page's Content-Security-Policy (the header line or its value): can it frame the embed?
  if (looksLikeCsp(text)) return { kind: 'content-security-policy', text };
  if (looksLikeLink(text)) return { kind: 'embed-link', text };
  if (text.includes(':')) return { kind: 'partner-token', text };
  if (text.includes('.') || /^eyJ/.test(text)) return { kind: 'embed-token', text };
  return { kind: 'unknown', text };
}
