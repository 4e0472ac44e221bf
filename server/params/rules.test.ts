import { describe, expect, it } from 'vitest';
import { DEFAULT_CUTOVER } from '../core/config.js';
import type { PrecedenceSetting } from '../core/types.js';
import { explainRule, resolveRule } from './rules.js';

describe('resolveRule: signed-wins, unsigned-wins and by-date around the cutover', () => {
  const rows: { name: string; setting: PrecedenceSetting; now: number; rule: string }[] = [
    { name: 'signed-wins is fixed whatever the clock', setting: 'signed-wins', now: DEFAULT_CUTOVER - 86_400, rule: 'signed-wins' },
    { name: 'unsigned-wins is fixed whatever the clock', setting: 'unsigned-wins', now: DEFAULT_CUTOVER + 86_400, rule: 'unsigned-wins' },
    { name: 'by-date one second before the cutover is unsigned-wins', setting: 'by-date', now: DEFAULT_CUTOVER - 1, rule: 'unsigned-wins' },
    { name: 'by-date at the cutover second is signed-wins', setting: 'by-date', now: DEFAULT_CUTOVER, rule: 'signed-wins' },
    { name: 'by-date after the cutover is signed-wins', setting: 'by-date', now: DEFAULT_CUTOVER + 1, rule: 'signed-wins' },
  ];
  it.each(rows)('$name', (row) => {
    expect(resolveRule(row.setting, row.now, DEFAULT_CUTOVER)).toBe(row.rule);
  });

  it('the default cutover is 2025-08-26T00:00:00+03:00', () => {
    expect(new Date(DEFAULT_CUTOVER * 1000).toISOString()).toBe('2025-08-25T21:00:00.000Z');
  });

  it('honours a configured cutover', () => {
    expect(resolveRule('by-date', 1000, 2000)).toBe('unsigned-wins');
    expect(resolveRule('by-date', 2000, 2000)).toBe('signed-wins');
  });

  it('explains a by-date choice with the clock and the cutover', () => {
    expect(explainRule('by-date', DEFAULT_CUTOVER - 1, DEFAULT_CUTOVER)).toMatch(/^unsigned-wins: .*by-date: the emulator clock 2025-08-25T20:59:59Z is before the cutover 2025-08-25T21:00:00Z$/);
    expect(explainRule('signed-wins', 0, DEFAULT_CUTOVER)).toMatch(/^signed-wins: .*--precedence signed-wins$/);
  });
});
