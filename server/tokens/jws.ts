/**
 * The one JWT reader: a compact JWS (`header.payload.signature`) split at its dots once, with its
 * header and payload parts decoded once. It judges nothing: the gateway decode (jsonwebtoken's
 * rules), the storage verify, the request journal (jose's rules) and the doctor (every problem, in
 * words) each read the same result with their own rules.
 */
export interface CompactJws {
  /** The text as given. */
  token: string;
  /** `token.split('.')`: a compact JWS has 3; a JWE has 5. */
  parts: string[];
  /**
   * The bytes of the header and payload parts as Node's base64 decoder reads them: both alphabets
   * (`+/` and `-_`), padding optional, decoding stops at the first character outside them. Empty
   * when the part is absent.
   */
  headerBytes: Buffer;
  payloadBytes: Buffer;
}

export function readCompactJws(token: string): CompactJws {
  const parts = token.split('.');
  return {
    token,
    parts,
    headerBytes: Buffer.from(parts[0], 'base64'),
    payloadBytes: Buffer.from(parts[1] ?? '', 'base64'),
  };
}

/** A part in the base64url alphabet only (an empty part passes: whether it may be empty is the caller's rule). */
export const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** A part in either base64 alphabet, padding allowed: what copy-paste from a standard encoder gives. */
export const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** What `atob`-based decoders (jose in Node 20) accept: either alphabet, and no length that leaves one stray character. */
export const isStrictBase64 = (part: string): boolean => BASE64_ANY.test(part) && part.replace(/=+$/, '').length % 4 !== 1;

export type JsonRead = { ok: true; value: unknown } | { ok: false };

/** `JSON.parse` of decoded bytes; `fatal` refuses bytes that are not UTF-8 instead of replacing them. */
export function parseJsonBytes(bytes: Buffer, encoding: 'utf8' | 'latin1' = 'utf8', fatal = false): JsonRead {
  try {
    const text = encoding === 'latin1' ? bytes.toString('latin1') : fatal ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes.toString('utf8');
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Header and payload read as jose's `decodeJwt` reads them, without verification: three parts, a
 * non-empty payload, each part decodable, both JSON objects. Undefined for anything else.
 */
export function peekJwt(input: string | CompactJws): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const jws = typeof input === 'string' ? readCompactJws(input) : input;
  const [h, p] = jws.parts;
  if (jws.parts.length !== 3 || p === '' || !isStrictBase64(h) || !isStrictBase64(p)) return undefined;
  const header = parseJsonBytes(jws.headerBytes);
  const payload = parseJsonBytes(jws.payloadBytes);
  if (!header.ok || !payload.ok || !isJsonObject(header.value) || !isJsonObject(payload.value)) return undefined;
  return { header: header.value, payload: payload.value };
}
