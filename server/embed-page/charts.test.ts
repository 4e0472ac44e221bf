import { describe, expect, it } from 'vitest';
import { linear, niceTicks, valueExtent } from './client/charts/scale.js';
import { categoryLabel, layoutSeries, toNumber } from './client/charts/series.js';
import { formatCell, formatCompact, truncate } from './client/format.js';
import { toMarkdown } from './client/markdown.js';

describe('layoutSeries: which column is the category and which are values', () => {
  it.each([
    ['text then numbers', ['region', 'amount', 'count'], [['North', 1, 2]], { category: 0, values: [1, 2] }],
    ['numbers then text', ['amount', 'region'], [[1, 'North']], { category: 1, values: [0] }],
    ['all numeric: the first is the category', ['year', 'amount'], [[2023, 5]], { category: 0, values: [1] }],
    ['a single numeric column: rows are numbered', ['amount'], [[5]], { category: -1, values: [0] }],
    ['nulls do not make a column non-numeric', ['k', 'v'], [['a', null], ['b', 3]], { category: 0, values: [1] }],
    ['an all-null column is not numeric', ['k', 'v'], [['a', null]], { category: 0, values: [] }],
  ])('%s', (_name, columns, rows, expected) => {
    expect(layoutSeries({ columns, rows })).toEqual(expected);
  });

  it('labels rows by category, "(empty)" or number', () => {
    const table = { columns: ['k', 'v'], rows: [['a', 1], [null, 2]] };
    expect(categoryLabel(table, { category: 0, values: [1] }, 0)).toBe('a');
    expect(categoryLabel(table, { category: 0, values: [1] }, 1)).toBe('(empty)');
    expect(categoryLabel(table, { category: -1, values: [1] }, 1)).toBe('2');
  });

  it('reads numbers and numeric strings', () => {
    expect([toNumber(3), toNumber('4.5'), toNumber(''), toNumber('x'), toNumber(null)]).toEqual([3, 4.5, null, null, null]);
  });
});

describe('scales', () => {
  it.each([
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [0, 7, 4, [0, 2, 4, 6, 8]],
    [-30, 30, 4, [-40, -20, 0, 20, 40]],
    [0, 0, 5, [0, 1]],
    [5, 5, 5, [0, 1, 2, 3, 4, 5]],
    [0, 0.3, 3, [0, 0.1, 0.2, 0.3]],
  ])('niceTicks(%d, %d, %d) covers the range with round steps', (min, max, count, ticks) => {
    expect(niceTicks(min, max, count)).toEqual(ticks);
  });

  it('maps a domain onto a range', () => {
    const y = linear(0, 100, 200, 0);
    expect([y(0), y(50), y(100)]).toEqual([200, 100, 0]);
  });

  it('includes zero for bars', () => {
    expect(valueExtent([5, 9], true)).toEqual([0, 9]);
    expect(valueExtent([5, 9], false)).toEqual([5, 9]);
    expect(valueExtent([], true)).toEqual([0, 1]);
  });
});

describe('formatting', () => {
  it.each([
    [1234, '1,234'],
    [12345, '12.3K'],
    [2_500_000, '2.5M'],
    [-15000, '-15K'],
  ])('formatCompact(%d) = %s', (n, text) => {
    expect(formatCompact(n)).toBe(text);
  });

  it('formats cells and truncates labels', () => {
    expect([formatCell(null), formatCell(''), formatCell(1234.5), formatCell('x')]).toEqual(['—', '—', '1,234.5', 'x']);
    expect(truncate('Northwest', 5)).toBe('Nort…');
    expect(truncate('North', 5)).toBe('North');
  });
});

describe('toMarkdown', () => {
  it('builds a table with right-aligned numeric columns and escaped pipes', () => {
    const md = toMarkdown({ columns: ['region', 'amount'], rows: [['North|East', 10], ['South', null]] });
    expect(md).toBe('| region | amount |\n| --- | ---: |\n| North\\|East | 10 |\n| South |  |\n');
  });
});
