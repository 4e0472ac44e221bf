import type { JWTPayload } from 'jose';
import { MockError } from '../errors/catalogue.js';
import { isJsonObject, parseJsonBytes, readCompactJws, type CompactJws } from './jws.js';

export interface DecodedEmbedToken {
  token: string;
  /** The JOSE header when it is a JSON object (jws also accepts other truthy JSON, e.g. `1`; then `{}`). */
  header: Record<string, unknown>;
  payload: JWTPayload & Record<string, unknown>;
  embedId: unknown;
  /** The token as the one JWT reader split and decoded it (server/tokens/jws.ts), for the later stages. */
  jws: CompactJws;
}

/** jws 4's test of a compact JWS: two non-empty base64url parts and an optional third, nothing else. */
export const JWS_REGEX = /^[a-zA-Z0-9\-_]+?\.[a-zA-Z0-9\-_]+?\.([a-zA-Z0-9\-_]+)?$/;

/** Node joins a repeated custom header with ", " before any code sees it. */
const isJoinedHeader = (token: string) => token.includes(', ');

/**
 * jsonwebtoken 9's `decode(token)`, which the UI server calls, step by step (jws `decode`, then its
 * own JSON step): `null` where it answers null, the payload where it answers one. The header is
 * base64-decoded as latin1 and must parse to truthy JSON; with `typ: "JWT"` the payload must be JSON
 * (jws throws otherwise: {@link DecodeThrows}); else a payload that parses to an object or an array
 * is that value, any other payload stays a string.
 */
export function jsonwebtokenDecode(input: string | CompactJws): { header: unknown; payload: unknown } | null {
  const jws = typeof input === 'string' ? readCompactJws(input) : input;
  if (!JWS_REGEX.test(jws.token)) return null;
  const read = parseJsonBytes(jws.headerBytes, 'latin1');
  if (!read.ok || !read.value) return null;
  const header = read.value;
  let payload: unknown = jws.payloadBytes.toString('utf8');
  if ((header as { typ?: unknown }).typ === 'JWT') {
    try {
      payload = JSON.parse(payload as string);
    } catch (e) {
      throw new DecodeThrows(e);
    }
  }
  if (typeof payload === 'string') {
    try {
      const obj: unknown = JSON.parse(payload);
      if (obj !== null && typeof obj === 'object') payload = obj;
    } catch {
      /* stays a string */
    }
  }
  return { header, payload };
}

/** jws's `JSON.parse` of a `typ: "JWT"` payload threw: in DataLens an uncaught error, here a 400 (docs/security.md). */
export class DecodeThrows extends Error {
  constructor(cause: unknown) {
    super('the header says typ "JWT", but the payload is not JSON', { cause });
  }
}

/**
 * The gateway stage (docs/fidelity.md, "Two-stage check"): the UI server only *decodes* the token to find
 * `embedId`; nothing is verified here. An array header counts as missing, as in DataLens; a
 * repeated header arrives joined as `"<token>, <token>"`, which jws refuses: "Wrong token format".
 */
export function decodeEmbedToken(headerValue: string | string[] | undefined): DecodedEmbedToken {
  const token = Array.isArray(headerValue) ? '' : (headerValue ?? '');
  if (!token) throw new MockError('TOKEN_NOT_FOUND');
  const jws = readCompactJws(token);
  let decoded: ReturnType<typeof jsonwebtokenDecode>;
  try {
    decoded = jsonwebtokenDecode(jws);
  } catch (e) {
    throw new MockError('TOKEN_MALFORMED', { message: `The token is not a decodable JWT: ${(e as Error).message}.`, cause: e });
  }
  // DataLens: `!payload || typeof payload === 'string' || !('embedId' in payload)`.
  const payload = decoded?.payload;
  if (!payload || typeof payload !== 'object') {
    if (isJoinedHeader(token)) {
      throw new MockError('TOKEN_HEADER_REPEATED', {
        message: `The x-dl-embed-token header was sent ${token.split(', ').length} times; Node joined the copies with ", " into one value, which is not a JWT.`,
      });
    }
    throw new MockError('TOKEN_MALFORMED', { message: `The token is not a decodable JWT: ${whyNotJwt(jws)}.` });
  }
  if (!('embedId' in payload)) throw new MockError('TOKEN_NO_EMBED_ID', { field: 'embedId' });
  const header = isJsonObject(decoded!.header) ? decoded!.header : {};
  return { token, header, payload: payload as DecodedEmbedToken['payload'], embedId: (payload as Record<string, unknown>).embedId, jws };
}

/** Plain words for why a string is not a JWT. */
export function whyNotJwt(input: string | CompactJws): string {
  const jws = typeof input === 'string' ? readCompactJws(input) : input;
  const { parts } = jws;
  if (parts.length !== 3) {
    return `it has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by ".", a JWT has 3 (header.payload.signature)`;
  }
  const names = ['header', 'payload', 'signature'];
  for (let i = 0; i < 3; i++) {
    if (i < 2 && parts[i] === '') return `the ${names[i]} is empty`;
    if (!/^[A-Za-z0-9_-]*$/.test(parts[i])) return `the ${names[i]} is not base64url (it contains characters outside A-Z a-z 0-9 - _)`;
    if (i === 2) break;
    const read = parseJsonBytes(i === 0 ? jws.headerBytes : jws.payloadBytes, i === 0 ? 'latin1' : 'utf8');
    if (!read.ok) return `the ${names[i]} does not decode to JSON`;
    const json = read.value;
    if (i === 0 && !json) return 'the header decodes to an empty JSON value';
    if (i === 1 && (typeof json !== 'object' || json === null || Array.isArray(json))) return 'the payload is JSON but not an object';
  }
  return 'its header or payload is not valid';
}
