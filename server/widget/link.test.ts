import { describe, expect, it } from 'vitest';
import { paramText, tokenFromHash, withQueryKey, withoutQueryKey } from './client/link.js';

describe('tokenFromHash', () => {
  it.each([
    ['the documented link', '#dl_embed_token=aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['without the leading #', 'dl_embed_token=aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['with other fragment keys', '#x=1&dl_embed_token=aaa.bbb.ccc&y=2', 'aaa.bbb.ccc'],
    ['no fragment', '', ''],
    ['a fragment without the token', '#section', ''],
  ])('%s', (_name, hash, token) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});

describe('query rewriting (tab switches keep everything else)', () => {
  it('drops one key and keeps the rest', () => {
    expect(withoutQueryKey('?tab=nope&region=East', 'tab')).toBe('?region=East');
    expect(withoutQueryKey('?tab=nope', 'tab')).toBe('');
  });

  it('sets one key', () => {
    expect(withQueryKey('?region=East', 'tab', 't2')).toBe('?region=East&tab=t2');
    expect(withQueryKey('?tab=t1&region=East', 'tab', 't2')).toBe('?tab=t2&region=East');
  });
});

describe('paramText (the dl-param hook text)', () => {
  it.each([
    ['a string', 'East', 'East'],
    ['an array joined with ", "', ['East', 'West'], 'East, West'],
    ['an empty array', [], ''],
    ['a number from a lenient token', 2024, '2024'],
    ['null', null, ''],
  ])('%s', (_name, value, text) => {
    expect(paramText(value)).toBe(text);
  });
});
