import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './similar.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['embedId', 'embedID', 1],
    ['param', 'params', 1],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('didYouMean', () => {
  const MARK = 'YC_DATALENS_EMBEDDING_SERVICE_MARK';
  it.each([
    ['a letter missing from the mark', 'YC_DATALENS_EMBEDING_SERVICE_MARK', [MARK], 10, MARK],
    ['the mark in lower case', MARK.toLowerCase(), [MARK], 10, MARK],
    ['the mark with dashes', MARK.replace(/_/g, '-'), [MARK], 10, MARK],
    ['something else entirely', 'DATALENS', [MARK], 10, undefined],
    ['a claim with the wrong case', 'embedID', ['embedId', 'exp'], 3, 'embedId'],
    ['a short name far from every candidate', 'abc', ['embedId', 'exp', 'iat'], 3, undefined],
    ['the closest of several', 'regoin', ['region', 'category', 'from'], 3, 'region'],
    ['the same name is no suggestion', 'region', ['region'], 3, undefined],
  ])('%s', (_name, given, candidates, max, expected) => {
    expect(didYouMean(given, candidates, max)).toBe(expected);
  });
});
