import { describe, expect, it } from 'vitest';
import { RequestJournal } from './journal.js';
import type { JournalEntry } from './types.js';

const entry = (over: Partial<JournalEntry> = {}): Omit<JournalEntry, 'id'> => ({
  time: '2025-01-01T00:00:00.000Z',
  clock: 1_735_689_600,
  durationMs: 1,
  kind: 'gateway',
  method: 'POST',
  route: 'POST /api/run',
  status: 200,
  verdict: 'accepted',
  why: 'Accepted',
  ...over,
});

describe('RequestJournal bounding', () => {
  it('keeps only the last `capacity` entries and counts the dropped ones', () => {
    const j = new RequestJournal(3);
    for (let i = 0; i < 5; i++) j.record(entry());
    expect(j.size).toBe(3);
    expect(j.dropped).toBe(2);
    expect(j.list().map((e) => e.id)).toEqual([3, 4, 5]);
    expect(j.get(1)).toBeUndefined();
    expect(j.get(5)?.id).toBe(5);
  });

  it('finds every kept entry by id, oldest first, after the ring wrapped many times and after a clear', () => {
    const j = new RequestJournal(4);
    for (let i = 0; i < 11; i++) j.record(entry({ status: 200 + i }));
    expect(j.list().map((e) => e.id)).toEqual([8, 9, 10, 11]);
    for (const id of [8, 9, 10, 11]) expect(j.get(id)?.status).toBe(199 + id);
    for (const id of [0, 7, 12, 8.5, -1]) expect(j.get(id)).toBeUndefined();
    expect(j.list({ limit: 2 }).map((e) => e.id)).toEqual([10, 11]);
    j.clear();
    expect(j.get(11)).toBeUndefined();
    j.record(entry());
    expect(j.list().map((e) => e.id)).toEqual([12]);
    expect(j.get(12)?.id).toBe(12);
  });

  it('keeps numbering after a clear, so `since` cursors stay valid', () => {
    const j = new RequestJournal(10);
    j.record(entry());
    j.record(entry());
    const cursor = j.cursor;
    j.clear();
    expect(j.size).toBe(0);
    expect(j.dropped).toBe(0);
    expect(j.record(entry()).id).toBe(cursor + 1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RequestJournal(0)).toThrow(RangeError);
    expect(() => new RequestJournal(1.5)).toThrow(RangeError);
  });

  it('never returns more than the capacity, whatever the limit', () => {
    const j = new RequestJournal(2);
    for (let i = 0; i < 4; i++) j.record(entry());
    expect(j.list({ limit: 1000 })).toHaveLength(2);
  });
});

describe('RequestJournal filters', () => {
  const j = new RequestJournal(100);
  j.record(entry({ embedId: 'aaaaaaaaaaaaa' }));
  j.record(entry({ embedId: 'bbbbbbbbbbbbb', status: 403, verdict: 'rejected', rejection: { reason: 'TOKEN_EXPIRED', message: 'm', hint: 'h' } }));
  j.record(entry({ kind: 'rpc', route: 'POST /rpc/createEmbed', rpcMethod: 'createEmbed', embedId: 'aaaaaaaaaaaaa' }));
  j.record(entry({ kind: 'partner', route: 'POST /_mock/partner/decrypt', status: 500, verdict: 'failed' }));
  j.record(entry({ embedId: 'aaaaaaaaaaaaa', route: 'GET /api/embedded-entry', method: 'GET' }));

  const cases: { name: string; filter: Parameters<RequestJournal['list']>[0]; ids: number[] }[] = [
    { name: 'no filter: everything, oldest first', filter: {}, ids: [1, 2, 3, 4, 5] },
    { name: 'by embedId', filter: { embedId: 'aaaaaaaaaaaaa' }, ids: [1, 3, 5] },
    { name: 'by kind', filter: { kind: 'rpc' }, ids: [3] },
    { name: 'by verdict', filter: { verdict: 'rejected' }, ids: [2] },
    { name: 'by rejection reason', filter: { reason: 'TOKEN_EXPIRED' }, ids: [2] },
    { name: 'by route substring', filter: { route: '/api/' }, ids: [1, 2, 5] },
    { name: 'by status', filter: { status: 500 }, ids: [4] },
    { name: 'since an id', filter: { since: 3 }, ids: [4, 5] },
    { name: 'limit keeps the most recent', filter: { limit: 2 }, ids: [4, 5] },
    { name: 'limit 0 is empty', filter: { limit: 0 }, ids: [] },
    { name: 'filters combine with AND', filter: { embedId: 'aaaaaaaaaaaaa', kind: 'gateway', limit: 1 }, ids: [5] },
  ];
  it.each(cases)('$name', ({ filter, ids }) => {
    expect(j.list(filter).map((e) => e.id)).toEqual(ids);
  });
});
