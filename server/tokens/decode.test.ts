import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { decodeEmbedToken, whyNotJwt } from './decode.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('the gateway decode stage', () => {
  it.each([
    ['garbage', /1 part .*a JWT has 3/],
    ['a.b', /2 parts/],
    ['a!.b.c', /header is not base64url/],
    [`${b64({ alg: 'PS256' })}.bm90IGpzb24.c`, /payload does not decode to JSON/],
    [`${b64({ alg: 'PS256' })}.${b64([1])}.c`, /payload is JSON but not an object/],
  ])('%s is malformed: %s', (token, why) => {
    expect(whyNotJwt(token)).toMatch(why);
    expect(() => decodeEmbedToken(token)).toThrow(MockError);
  });

  it('an empty header and an array header are TOKEN_NOT_FOUND, as in DataLens', () => {
    for (const v of ['', undefined, ['a', 'b']]) {
      try {
        decodeEmbedToken(v);
        expect.unreachable();
      } catch (e) {
        expect((e as MockError).reason).toBe('TOKEN_NOT_FOUND');
      }
    }
  });

  it('returns embedId without verifying anything', () => {
    const d = decodeEmbedToken(`${b64({ alg: 'none' })}.${b64({ embedId: 'x' })}.`);
    expect(d.embedId).toBe('x');
  });
});
