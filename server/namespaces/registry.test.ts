import { describe, expect, it } from 'vitest';
import type { NamespaceApp as MockApp } from './registry.js';
import { NAMESPACE_NAME, NamespaceRegistry } from './registry.js';

/** A stand-in emulator that records whether it was closed. */
function fakeSpawn() {
  const made: { name: string; closed: boolean }[] = [];
  const spawn = async (name: string) => {
    const rec = { name, closed: false };
    made.push(rec);
    return { close: async () => void (rec.closed = true) } as unknown as MockApp;
  };
  return { made, spawn };
}

describe('NamespaceRegistry', () => {
  it('creates a namespace once, even for concurrent first requests', async () => {
    const { made, spawn } = fakeSpawn();
    const r = new NamespaceRegistry(spawn);
    const [a, b] = await Promise.all([r.get('w0'), r.get('w0')]);
    expect(a).toBe(b);
    expect(made.map((m) => m.name)).toEqual(['w0']);
    expect(r.list()[0]).toMatchObject({ name: 'w0', base: '/_ns/w0', requests: 2 });
  });

  it('forgets a namespace whose creation failed, so the next request retries', async () => {
    let fail = true;
    const r = new NamespaceRegistry(async () => {
      if (fail) throw new Error('bad seed');
      return { close: async () => {} } as unknown as MockApp;
    });
    await expect(r.get('x')).rejects.toThrow('bad seed');
    await new Promise((res) => setImmediate(res));
    expect(r.has('x')).toBe(false);
    fail = false;
    await expect(r.get('x')).resolves.toBeDefined();
  });

  it('past `max`, refuses a new namespace and closes none of the live ones', async () => {
    const { made, spawn } = fakeSpawn();
    const r = new NamespaceRegistry(spawn, 2);
    await r.get('a');
    await r.get('b');
    expect(() => r.get('c')).toThrow(expect.objectContaining({ reason: 'NAMESPACES_FULL', status: 409 }));
    expect(() => r.get('c')).toThrow(/2 namespaces are live, the most this emulator keeps \(2\)/);
    await new Promise((res) => setImmediate(res));
    expect(r.list().map((n) => n.name).sort()).toEqual(['a', 'b']);
    expect(made.map((m) => [m.name, m.closed])).toEqual([['a', false], ['b', false]]);
    // A live one is still served, and closing one makes room.
    await expect(r.get('a')).resolves.toBeDefined();
    await r.delete('b');
    await expect(r.get('c')).resolves.toBeDefined();
  });

  it('find answers a live namespace only, and never creates one', async () => {
    const { made, spawn } = fakeSpawn();
    const r = new NamespaceRegistry(spawn);
    expect(r.find('a')).toBeUndefined();
    expect(made).toEqual([]);
    await r.get('a');
    await expect(r.find('a')).resolves.toBeDefined();
    expect(r.list()[0].requests).toBe(2);
  });

  it('delete closes one; closeAll closes the rest', async () => {
    const { made, spawn } = fakeSpawn();
    const r = new NamespaceRegistry(spawn);
    await r.get('a');
    await r.get('b');
    expect(await r.delete('a')).toBe(true);
    expect(await r.delete('a')).toBe(false);
    await r.closeAll();
    expect(made.every((m) => m.closed)).toBe(true);
    expect(r.list()).toEqual([]);
  });

  it.each([
    ['w0', true],
    ['pw-1a2b3c4d-w1-t12', true],
    ['A.b_c', true],
    ['', false],
    ['-x', false],
    ['a/b', false],
    ['a b', false],
    ['x'.repeat(65), false],
  ])('name %j valid: %s', (name, valid) => {
    expect(NAMESPACE_NAME.test(name)).toBe(valid);
  });
});
