import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { MockError } from '../errors/catalogue.js';

export interface DecodedEmbedToken {
  token: string;
  header: ProtectedHeaderParameters;
  payload: JWTPayload & Record<string, unknown>;
  embedId: unknown;
}

/**
 * The gateway stage (docs/fidelity.md, "Two-stage check"): the UI server only *decodes* the token to find
 * `embedId`; nothing is verified here. An array header counts as missing, as in DataLens.
 */
export function decodeEmbedToken(headerValue: string | string[] | undefined): DecodedEmbedToken {
  const token = Array.isArray(headerValue) ? '' : (headerValue ?? '');
  if (!token) throw new MockError('TOKEN_NOT_FOUND');
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch (e) {
    throw new MockError('TOKEN_MALFORMED', { message: `The token is not a decodable JWT: ${whyNotJwt(token)}.`, cause: e });
  }
  if (!('embedId' in payload)) throw new MockError('TOKEN_NO_EMBED_ID', { field: 'embedId' });
  return { token, header, payload: payload as DecodedEmbedToken['payload'], embedId: payload.embedId };
}

/** Plain words for why a string is not a JWT. */
export function whyNotJwt(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return `it has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by ".", a JWT has 3 (header.payload.signature)`;
  }
  const names = ['header', 'payload'];
  for (let i = 0; i < 2; i++) {
    if (!/^[A-Za-z0-9_-]+$/.test(parts[i])) return `the ${names[i]} is not base64url (it contains characters outside A-Z a-z 0-9 - _)`;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(parts[i], 'base64url').toString('utf8'));
    } catch {
      return `the ${names[i]} does not decode to JSON`;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return `the ${names[i]} is JSON but not an object`;
  }
  return 'its header or payload is not valid';
}
