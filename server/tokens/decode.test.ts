import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { DecodeThrows, decodeEmbedToken, jsonwebtokenDecode, whyNotJwt } from './decode.js';

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

describe('the decode mirrors jsonwebtoken 9 (what the UI server calls)', () => {
  const header = b64({ alg: 'PS256', typ: 'JWT' });
  const noTyp = b64({ alg: 'PS256' });
  const payload = b64({ embedId: 'x' });
  const latin1 = (s: string) => Buffer.from(s, 'latin1').toString('base64url');
  const corpus = [
    `${header}.${payload}.sig`,
    `${header}.${payload}.`,
    `${header}.${payload}`,
    `${header}.${payload}.sig, ${header}.${payload}.sig`,
    `${header}.${payload}.sig, x`,
    `${header}.${payload}.sig `,
    `${header}.${payload}.sig\n`,
    `${header}.${payload}.s.i`,
    `.${payload}.sig`,
    `${header}..sig`,
    `${b64(1)}.${payload}.s`,
    `${b64(0)}.${payload}.s`,
    `${b64(null)}.${payload}.s`,
    `${b64('')}.${payload}.s`,
    `${b64([])}.${payload}.s`,
    `${latin1('{"alg":"\u00e9"}')}.${payload}.s`,
    `${noTyp}.${b64('a string')}.s`,
    `${noTyp}.${b64(5)}.s`,
    `${noTyp}.${b64([1])}.s`,
    `${noTyp}.${b64(null)}.s`,
    `${noTyp}.bm90IGpzb24.s`,
    `${header}.bm90IGpzb24.s`,
    `${noTyp}.${b64({ embedId: 'x' }).replace(/-/g, '+')}.s`,
    `${noTyp}.${payload}=.s`,
    'a.b.c',
    'garbage',
  ];

  it.each(corpus)('%j decodes as jsonwebtoken decodes it', (token) => {
    let theirs: unknown;
    let threw = false;
    try {
      theirs = jwt.decode(token, { complete: true });
    } catch {
      threw = true;
    }
    if (threw) {
      expect(() => jsonwebtokenDecode(token)).toThrow(DecodeThrows);
      return;
    }
    const ours = jsonwebtokenDecode(token);
    expect(ours === null ? null : { header: ours.header, payload: ours.payload }).toEqual(
      theirs === null ? null : { header: (theirs as jwt.Jwt).header, payload: (theirs as jwt.Jwt).payload },
    );
  });

  it('agrees with jsonwebtoken on generated token-like strings', () => {
    const part = fc.oneof(
      fc.constantFrom(header, noTyp, payload, b64([]), b64('s'), b64(0), ''),
      fc.stringMatching(/^[A-Za-z0-9_\-+=, .]{0,12}$/),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.constantFrom('.', '.', ', '), (parts, sep) => {
        const token = parts.join(sep === ', ' ? '.' : sep) + (sep === ', ' ? ', x' : '');
        let theirs: unknown;
        try {
          theirs = jwt.decode(token);
        } catch {
          expect(() => jsonwebtokenDecode(token)).toThrow(DecodeThrows);
          return;
        }
        const ours = jsonwebtokenDecode(token);
        expect(ours === null ? null : ours.payload).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  it('a repeated header "<valid>, x" is refused at the gateway as DataLens does, with its own reason', async () => {
    const token = `${header}.${payload}.sig`;
    for (const value of [`${token}, x`, `${token}, ${token}`]) {
      try {
        decodeEmbedToken(value);
        expect.unreachable();
      } catch (e) {
        expect((e as MockError).reason).toBe('TOKEN_HEADER_REPEATED');
        expect((e as MockError).status).toBe(400);
      }
    }
  });

  it('a typ JWT header over a payload that is not JSON (jws throws) is a 400, not a crash', () => {
    expect(() => decodeEmbedToken(`${header}.bm90IGpzb24.s`)).toThrow(/payload is not JSON/);
  });
});
