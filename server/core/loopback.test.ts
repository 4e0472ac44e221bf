import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackBind, isWildcardBind } from './loopback.js';

describe('loopback addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['127.0.0.01', false],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['0000::0001', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.1.2.3', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8000:1', false],
    ['::2', false],
    ['::', false],
    ['0.0.0.0', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['fe80::1', false],
    ['localhost', false],
    ['[::1]', false],
    ['[::1]anything', false],
    ['127.0.0.1.evil', false],
    ['127.1', false],
    ['2130706433', false],
    ['0x7f000001', false],
    ['', false],
    [undefined, false],
  ])('%j is a loopback address: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['localhost', true],
    ['LocalHost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['[::]', false],
    ['192.168.1.20', false],
    ['my-laptop.local', false],
    ['[::1]x', false],
  ])('binding %j is loopback only: %s', (host, loopback) => {
    expect(isLoopbackBind(host)).toBe(loopback);
  });

  it('knows the wildcard binds', () => {
    expect(['0.0.0.0', '::', '[::]', '', '127.0.0.1'].map(isWildcardBind)).toEqual([true, true, true, true, false]);
  });
});
