import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdOf } from './request-id.js';

describe('request ids', () => {
  it('a new id is 32 hex digits, never repeated across refills of its random pool', () => {
    const ids = Array.from({ length: 1000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['a sane id is echoed', 'trace-1:a/b@c+d=e', 'trace-1:a/b@c+d=e'],
    ['one with a space gets a new id', 'a b', undefined],
    ['an empty one gets a new id', '', undefined],
    ['one longer than 128 characters gets a new id', 'x'.repeat(129), undefined],
    ['several values get a new id', ['a', 'b'], undefined],
    ['none gets a new id', undefined, undefined],
  ])('%s', (_name, sent, echoed) => {
    const id = requestIdOf(sent as string | string[] | undefined);
    if (echoed !== undefined) expect(id).toBe(echoed);
    else expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
