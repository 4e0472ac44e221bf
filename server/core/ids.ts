import { randomBytes } from 'node:crypto';

/** IDs are 13-character lowercase base36 strings, like real DataLens IDs. */
export const ID_PATTERN = /^[0-9a-z]{13}$/;

export function newId(): string {
  // 64 random bits fit in 13 base36 digits (36^13 > 2^64).
  return randomBytes(8).readBigUInt64BE().toString(36).padStart(13, '0');
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
