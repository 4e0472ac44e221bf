import { describe, expect, it } from 'vitest';
import { EmbedQueryMeter, meterMonth } from './embed-queries.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('meterMonth: months of the emulator clock, in Moscow time', () => {
  it.each([
    ['mid-month', '2026-03-15T12:00:00Z', '2026-03'],
    ['the last UTC evening of February is already March in Moscow', '2026-02-28T21:00:00Z', '2026-03'],
    ['a minute earlier is still February', '2026-02-28T20:59:00Z', '2026-02'],
  ])('%s', (_name, iso, month) => {
    expect(meterMonth(at(iso))).toBe(month);
  });
});

describe('EmbedQueryMeter', () => {
  it('counts nothing and refuses nothing without a limit', () => {
    const m = new EmbedQueryMeter();
    for (let i = 0; i < 5; i++) expect(m.take(at('2026-03-01T12:00:00Z'), null)).toBe(true);
    expect(m.view(at('2026-03-01T12:00:00Z'), null)).toEqual({ limit: null, used: 0, month: '2026-03', exceeded: false });
  });

  it('allows exactly `limit` queries a month, then refuses without counting', () => {
    const m = new EmbedQueryMeter();
    const now = at('2026-03-10T00:00:00Z');
    expect([1, 2, 3].map(() => m.take(now, 2))).toEqual([true, true, false]);
    expect(m.view(now, 2)).toMatchObject({ used: 2, exceeded: true });
  });

  it('starts from zero in a new month of the emulator clock', () => {
    const m = new EmbedQueryMeter();
    m.take(at('2026-03-31T12:00:00Z'), 1);
    expect(m.view(at('2026-03-31T12:00:00Z'), 1).exceeded).toBe(true);
    expect(m.view(at('2026-04-01T12:00:00Z'), 1)).toMatchObject({ used: 0, month: '2026-04', exceeded: false });
    expect(m.take(at('2026-04-01T12:00:00Z'), 1)).toBe(true);
  });

  it('a raised limit lets queries through again; reset empties the counter', () => {
    const m = new EmbedQueryMeter();
    const now = at('2026-05-05T00:00:00Z');
    m.take(now, 1);
    expect(m.take(now, 1)).toBe(false);
    expect(m.take(now, 5)).toBe(true);
    m.reset();
    expect(m.view(now, 1).used).toBe(0);
  });
});
