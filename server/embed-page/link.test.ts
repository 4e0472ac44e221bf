import { describe, expect, it } from 'vitest';
import { paramText, withQueryKey, withoutQueryKey } from './client/link.js';

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
