import { EMBED_TOKEN_ALG } from '../../tokens/constants.js';
import { BASE64_ANY, BASE64URL, isJsonObject, parseJsonBytes, readCompactJws } from '../../tokens/jws.js';
import type { Findings } from '../findings.js';

/** A token whose header and payload could be read, with the text the checks continue on. */
export interface ReadToken {
  header: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
  /**
   * The token with copy-paste damage undone (whitespace removed, standard base64 turned back into
   * base64url): what was most likely signed, so the signature can still be checked.
   */
  repaired: string;
}

const PART_NAMES = ['header', 'payload', 'signature'] as const;
/**
 * One part as base64url; standard base64 is reported and read anyway, so later checks still run.
 * `bytes` come from the one JWT reader, whose decoder reads both alphabets alike.
 */
function readPart(part: string, bytes: Buffer, name: (typeof PART_NAMES)[number], f: Findings): { bytes: Buffer; repaired: string } | null {
  if (BASE64URL.test(part)) return { bytes, repaired: part };
  if (BASE64_ANY.test(part)) {
    f.add('DLM-105', {
      path: name,
      message: `The ${name} uses standard base64 (${[...new Set(part.match(/[+/=]/g))].map((c) => `'${c}'`).join(', ')}) instead of base64url.`,
    });
    const repaired = part.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    return { bytes, repaired };
  }
  const bad = [...new Set(part.replace(/[A-Za-z0-9+/=_-]/g, ''))].slice(0, 5).map((c) => JSON.stringify(c)).join(', ');
  const urlEncoded = part.includes('%') ? ' It looks URL-encoded: decode it (or do not encode it) before use.' : '';
  const code = name === 'header' ? 'DLM-102' : name === 'payload' ? 'DLM-103' : 'DLM-105';
  f.add(code, { path: name, message: `The ${name} contains characters that are not base64url: ${bad}.${urlEncoded}` });
  return null;
}

function readJson(bytes: Buffer, name: 'header' | 'payload', f: Findings): Record<string, unknown> | null {
  const code = name === 'header' ? 'DLM-102' : 'DLM-103';
  const read = parseJsonBytes(bytes, 'utf8', true);
  if (!read.ok) {
    f.add(code, { path: name, message: `The ${name} decodes to ${bytes.length} bytes that are not JSON.` });
    return null;
  }
  const value = read.value;
  if (!isJsonObject(value)) {
    f.add(code, { path: name, message: `The ${name} is JSON but not an object (${Array.isArray(value) ? 'an array' : typeof value}).` });
    return null;
  }
  return value;
}

/** Why a given alg is not PS256, in words that point at the fix. */
function algAdvice(alg: string): string {
  if (alg === 'none') return 'alg "none" means an unsigned token.';
  if (alg === 'RS256') return 'RS256 is RSA with PKCS#1 v1.5 padding; the same RSA key signs PS256, only the algorithm name changes.';
  if (/^(PS|RS)(384|512)$/.test(alg)) return `${alg} is the right key type with the wrong hash; DataLens uses SHA-256.`;
  if (/^HS/.test(alg)) return "HMAC algorithms sign with a shared secret; DataLens verifies with the RSA public key of the embed's key.";
  if (/^(ES|Ed)/.test(alg)) return `${alg} needs an elliptic-curve key; DataLens keys are RSA.`;
  return '';
}

function describeAlg(alg: unknown): string {
  if (alg === undefined) return 'The header has no alg.';
  if (typeof alg !== 'string') return `The header alg is ${JSON.stringify(alg)}, not a string.`;
  if (alg.toUpperCase() === EMBED_TOKEN_ALG) return `The header alg is "${alg}"; algorithm names are case-sensitive: "PS256".`;
  const advice = algAdvice(alg);
  return `The token is signed with ${alg}; DataLens accepts only PS256.${advice ? ` ${advice}` : ''}`;
}

/**
 * Structure and base64 of every part, then the header's alg (PS256 only). Reports every
 * problem; the header and payload are read whenever they can be, so the claim checks still run.
 */
export function readToken(raw: string, f: Findings): ReadToken {
  let token = raw;
  if (/\s/.test(token)) {
    f.add('DLM-003', { path: 'token', message: 'The token has a space or a line break inside it; it was removed to check the rest.' });
    token = token.replace(/\s+/g, '');
  }
  const jws = readCompactJws(token);
  const { parts } = jws;
  if (parts.length !== 3) {
    const detail =
      parts.length === 5
        ? 'It has 5 parts: an encrypted JWE, which DataLens does not accept; sign (JWS), do not encrypt.'
        : parts.length === 2
          ? 'It has 2 parts: the signature part is missing.'
          : `It has ${parts.length} part${parts.length === 1 ? '' : 's'}.`;
    f.add('DLM-101', { path: 'token', message: `The token is not three parts joined by dots. ${detail}` });
    if (parts.length !== 2 && parts.length !== 4) return { header: null, payload: null, repaired: token };
  }
  const [h, p, s = ''] = parts;
  const header = readPart(h, jws.headerBytes, 'header', f);
  const payload = readPart(p, jws.payloadBytes, 'payload', f);
  const signature = s === '' ? null : readPart(s, Buffer.alloc(0), 'signature', f);
  if (s === '' && parts.length === 3) f.add('DLM-104', { path: 'signature' });

  const headerJson = header && readJson(header.bytes, 'header', f);
  const payloadJson = payload && readJson(payload.bytes, 'payload', f);
  if (headerJson && headerJson.alg !== EMBED_TOKEN_ALG) f.add('DLM-110', { path: 'header.alg', message: describeAlg(headerJson.alg) });
  if (headerJson && Object.hasOwn(headerJson, 'crit')) f.add('DLM-111', { path: 'header.crit', message: `The header has crit ${JSON.stringify(headerJson.crit)?.slice(0, 100)}: DataLens's verifier understands no JWS extension, so the token is invalid.` });
  return {
    header: headerJson,
    payload: payloadJson,
    repaired: [header?.repaired ?? h, payload?.repaired ?? p, signature?.repaired ?? s].join('.'),
  };
}
