/**
 * Constant-time removal of PKCS#1 v1.5 encryption padding (RFC 8017 section 7.2.2, "block type 2").
 *
 * Node 20 refuses RSA_PKCS1_PADDING for private decryption (CVE-2023-46809), so the emulator runs
 * the raw RSA operation (RSA_NO_PADDING) and unpads here. A decoder that reveals *why* padding
 * failed, by its answer or its timing, is a Bleichenbacher padding oracle; so every check below is
 * folded into one 0/1 flag with integer arithmetic, the loop always visits every byte, and all
 * failures return the same `null`.
 *
 *   EM = 0x00 || 0x02 || PS (>= 8 nonzero bytes) || 0x00 || M
 */

/** Smallest valid EM: 2 header bytes, 8 bytes of PS, the separator. */
export const PKCS1_MIN_OVERHEAD = 11;

// Helpers on small non-negative integers; each returns 1 or 0 without branching.
/** 1 when x (0..255) is 0. */
const isZero = (x: number): number => ((x | -x) >>> 31) ^ 1;
/** 1 when a === b (bytes). */
const isEqual = (a: number, b: number): number => isZero(a ^ b);
/** 1 when a >= b (0 <= a, b < 2^30). */
const isAtLeast = (a: number, b: number): number => ((a - b) >>> 31) ^ 1;
/** bit ? a : b, for bit in {0, 1}. */
const select = (bit: number, a: number, b: number): number => (a & -bit) | (b & ~-bit);

/**
 * Returns the message M inside EM (the k-byte output of the raw RSA operation), or `null` when
 * EM is not valid type-2 padding, whatever the cause.
 */
export function unpadPkcs1v15(em: Uint8Array): Buffer | null {
  const k = em.length;
  // The length is public (the modulus size), so this early exit reveals nothing.
  if (k < PKCS1_MIN_OVERHEAD) return null;

  let good = isZero(em[0]) & isEqual(em[1], 0x02);
  let looking = 1; // still searching for the first 0x00 after the header
  let separator = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(em[i]);
    separator = select(looking & zero, i, separator);
    looking &= zero ^ 1;
  }
  good &= looking ^ 1; // a separator was found
  good &= isAtLeast(separator, 2 + 8); // PS has at least 8 bytes

  // Every failure takes the same path (start = k, nothing copied); only a success copies M,
  // whose length the caller learns anyway.
  const start = select(good, separator + 1, k);
  const out = Buffer.allocUnsafe(k - start);
  for (let i = 0; i < out.length; i++) out[i] = em[start + i];
  return good === 1 ? out : null;
}
