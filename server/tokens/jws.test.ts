import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStrictBase64, parseJsonBytes, peekJwt, readCompactJws } from './jws.js';

const b64u = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('readCompactJws: one split, one decode', () => {
  it.each([
    ['a compact JWS', `${b64u({ alg: 'PS256' })}.${b64u({ embedId: 'x' })}.sig`, 3, { alg: 'PS256' }, { embedId: 'x' }],
    ['two parts', `${b64u({ alg: 'PS256' })}.${b64u({ a: 1 })}`, 2, { alg: 'PS256' }, { a: 1 }],
    ['a JWE (five parts)', 'a.b.c.d.e', 5, undefined, undefined],
    ['one part', b64u({ alg: 'none' }), 1, { alg: 'none' }, undefined],
  ])('%s', (_name, token, count, header, payload) => {
    const jws = readCompactJws(token);
    expect(jws.token).toBe(token);
    expect(jws.parts).toHaveLength(count);
    const h = parseJsonBytes(jws.headerBytes);
    const p = parseJsonBytes(jws.payloadBytes);
    expect(h.ok ? h.value : undefined).toEqual(header);
    expect(p.ok ? p.value : undefined).toEqual(payload);
  });

  it('reads standard base64 and base64url to the same bytes (what the doctor relies on to repair a pasted token)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, padded) => {
        const std = Buffer.from(bytes).toString('base64');
        const url = Buffer.from(bytes).toString('base64url');
        const part = padded ? std : std.replace(/=+$/, '');
        expect(readCompactJws(`${part}.${url}.s`).headerBytes).toEqual(readCompactJws(`${url}.${part}.s`).payloadBytes);
        expect(readCompactJws(`${url}.x`).headerBytes).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('parseJsonBytes: latin1, lenient and fatal UTF-8', () => {
    const bad = Buffer.from([0x22, 0xff, 0x22]); // "\xff": no UTF-8
    expect(parseJsonBytes(bad, 'latin1')).toEqual({ ok: true, value: 'ÿ' });
    expect(parseJsonBytes(bad)).toEqual({ ok: true, value: '\ufffd' });
    expect(parseJsonBytes(bad, 'utf8', true)).toEqual({ ok: false });
    expect(parseJsonBytes(Buffer.from('not json'))).toEqual({ ok: false });
  });

  it.each([
    ['base64url', 'eyJh', true],
    ['standard alphabet with padding', 'ab+/cQ==', true],
    ['one stray character past a full block', 'abcde', false],
    ['a character outside both alphabets', 'ab%c', false],
  ])('isStrictBase64: %s', (_name, part, ok) => {
    expect(isStrictBase64(part)).toBe(ok);
  });
});

describe('peekJwt: jose decodeJwt rules on the reader', () => {
  const h = b64u({ alg: 'PS256' });
  const p = b64u({ embedId: 'x' });
  it.each([
    ['a JWT', `${h}.${p}.sig`, true],
    ['an unsigned JWT (empty signature)', `${h}.${p}.`, true],
    ['two parts', `${h}.${p}`, false],
    ['a JWE', `${h}.${p}.a.b.c`, false],
    ['an empty payload', `${h}..sig`, false],
    ['a payload that is an array', `${h}.${b64u([1])}.sig`, false],
    ['a header that is not JSON', `bm90.${p}.sig`, false],
    ['a part outside the alphabets', `${h}.${p}%.sig`, false],
    ['garbage', 'garbage', false],
  ])('%s', async (_name, token, ok) => {
    const { decodeJwt, decodeProtectedHeader } = await import('jose');
    let jose: unknown;
    try {
      jose = { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
    } catch {
      jose = undefined;
    }
    expect(peekJwt(token) !== undefined).toBe(ok);
    expect(peekJwt(token)).toEqual(jose);
  });
});

describe('peekJwt agrees with jose on generated token-like strings', () => {
  it('for 2000 strings', async () => {
    const { decodeJwt, decodeProtectedHeader } = await import('jose');
    const part = fc.oneof(
      fc.constantFrom(b64u({ alg: 'PS256' }), b64u({ embedId: 'x' }), b64u([]), b64u('s'), b64u(0), b64u(null), ''),
      fc.stringMatching(/^[A-Za-z0-9_\-+/=%]{0,9}$/),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const token = parts.join('.');
        let jose: unknown;
        try {
          jose = { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
        } catch {
          jose = undefined;
        }
        expect(peekJwt(token)).toEqual(jose);
      }),
      { numRuns: 2000 },
    );
  });
});
