import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { MockError } from '../errors/catalogue.js';

export interface DecodedEmbedToken {
  token: string;
  header: ProtectedHeaderParameters;
  payload: JWTPayload & Record<string, unknown>;
  embedId: unknown;
}

/**
 * The gateway stage (fact sheet §2.3, §7.2): the UI server only *decodes* the token to find
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
    throw new MockError('TOKEN_MALFORMED', {
      message: `The token is not a decodable JWT: ${(e as Error).message}.`,
      cause: e,
    });
  }
  if (!('embedId' in payload)) throw new MockError('TOKEN_NO_EMBED_ID', { field: 'embedId' });
  return { token, header, payload: payload as DecodedEmbedToken['payload'], embedId: payload.embedId };
}
