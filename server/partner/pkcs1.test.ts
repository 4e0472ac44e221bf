import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unpadPkcs1v15 } from './pkcs1.js';
import { decryptPkcs1v15, rsaPrivateRaw } from './rsa.js';

const K = 256;

/** EM = 00 02 PS 00 M with a nonzero PS of `psLength` bytes, then overrides. */
function em(message: Buffer, psLength = K - 3 - message.length, patch: Record<number, number> = {}): Buffer {
  const out = Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(psLength, 0x5a), Buffer.from([0]), message]);
  for (const [i, v] of Object.entries(patch)) out[Number(i)] = v;
  return out;
}

/** The plain, branching reading of RFC 8017 section 7.2.2 step 3, as a reference. */
function reference(e: Buffer): Buffer | null {
  if (e.length < 11 || e[0] !== 0 || e[1] !== 2) return null;
  const sep = e.indexOf(0, 2);
  if (sep < 10) return null;
  return e.subarray(sep + 1);
}

describe('unpadPkcs1v15', () => {
  const msg = Buffer.from('{"db_name": "client_1"}');
  it.each([
    ['a full-length block', em(msg), msg],
    ['exactly 8 bytes of PS (the minimum)', em(msg, 8), msg],
    ['an empty message (separator is the last byte)', em(Buffer.alloc(0)), Buffer.alloc(0)],
    ['a message that contains 0x00 bytes after the separator', em(Buffer.from([1, 0, 2, 0])), Buffer.from([1, 0, 2, 0])],
  ])('accepts %s', (_name, block, expected) => {
    expect(unpadPkcs1v15(block)).toEqual(expected);
  });

  it.each([
    ['first byte not 0x00', em(msg, undefined, { 0: 1 })],
    ['block type 1 (signature padding)', em(msg, undefined, { 1: 1 })],
    ['block type 0', em(msg, undefined, { 1: 0 })],
    ['block type 3', em(msg, undefined, { 1: 3 })],
    ['no 0x00 separator at all', Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(K - 2, 0x11)])],
    ['PS of 7 bytes (separator too early)', em(msg, 7)],
    ['PS of 0 bytes (separator right after the header)', em(msg, 0)],
    ['a 0x00 inside the first 8 PS bytes', em(msg, undefined, { 5: 0 })],
    ['an all-zero block', Buffer.alloc(K)],
    ['a block shorter than 11 bytes', Buffer.from([0, 2, 1, 1, 1, 1, 1, 1, 1, 1])],
    ['an empty block', Buffer.alloc(0)],
  ])('rejects %s', (_name, block) => {
    expect(unpadPkcs1v15(block)).toBeNull();
  });

  it('agrees with the branching reference on 20000 random and near-valid blocks', () => {
    const disagreements: string[] = [];
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      const block = randomBytes(i % 3 === 0 ? 12 + (i % 40) : K);
      // Bias toward valid headers so that the separator and PS rules get exercised.
      if (i % 2 === 0) {
        block[0] = 0;
        block[1] = 2;
      }
      if (i % 5 === 0) block[2 + (i % 12)] = 0;
      const [got, want] = [unpadPkcs1v15(block), reference(block)];
      if (want) valid++;
      if (got === null ? want !== null : want === null || !got.equals(want)) disagreements.push(block.toString('hex'));
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(2000); // both outcomes were exercised
  });
});

describe('decryptPkcs1v15 (raw RSA + unpad)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const rawEncrypt = (block: Buffer) => publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, block);

  it('decrypts what publicEncrypt(PKCS1 v1.5) produced, for messages of every length', () => {
    for (const len of [0, 1, 23, 100, K - 11]) {
      const m = randomBytes(len);
      const c = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, m);
      expect(decryptPkcs1v15(privateKey, c)).toEqual(m);
    }
  });

  const failures: [string, () => Buffer][] = [
    ['a bad header', () => rawEncrypt(em(Buffer.from('x'), undefined, { 1: 1 }))],
    ['no separator', () => rawEncrypt(Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(K - 2, 7)]))],
    ['a short PS', () => rawEncrypt(em(Buffer.alloc(K - 6, 0x41), 3))],
    ['a wrong length', () => randomBytes(K - 1)],
    ['a value above the modulus', () => Buffer.alloc(K, 0xff)],
  ];
  it.each(failures)('returns null for %s', (_name, make) => {
    expect(decryptPkcs1v15(privateKey, make())).toBeNull();
  });

  it('takes about the same time for every cause of failure (one private operation each)', () => {
    const inputs = failures.map(([, make]) => make());
    const times: number[][] = inputs.map(() => []);
    for (let round = 0; round < 25; round++) {
      inputs.forEach((c, i) => {
        const t0 = process.hrtime.bigint();
        decryptPkcs1v15(privateKey, c);
        times[i].push(Number(process.hrtime.bigint() - t0));
      });
    }
    const medians = times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
    const raw = (() => {
      const c = inputs[0];
      const t: number[] = [];
      for (let i = 0; i < 25; i++) {
        const t0 = process.hrtime.bigint();
        rsaPrivateRaw(privateKey, c);
        t.push(Number(process.hrtime.bigint() - t0));
      }
      return t.sort((a, b) => a - b)[12];
    })();
    for (const m of medians) {
      expect(m / raw).toBeGreaterThan(0.5);
      expect(m / raw).toBeLessThan(2);
    }
  });
});
