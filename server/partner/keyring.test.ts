import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Store } from '../store/index.js';
import { generateRsaKeyPair } from '../tokens/keys.js';
import { DatalensKeyring } from './keyring.js';

// The real key generation, counted.
vi.mock('../tokens/keys.js', async (importActual) => {
  const actual = await importActual<typeof import('../tokens/keys.js')>();
  return { ...actual, generateRsaKeyPair: vi.fn(actual.generateRsaKeyPair) };
});
const generated = vi.mocked(generateRsaKeyPair);

const dir = mkdtempSync(join(tmpdir(), 'dlmock-keyring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = () => new Date().toISOString();

describe('DatalensKeyring', () => {
  it('starts without waiting for key generation, then has version 1 (RSA-2048, e=65537)', async () => {
    const store = new Store({ inMemory: true });
    const keyring = new DatalensKeyring(store.partner, now);
    // The constructor returned before the key exists: it is generated in the background.
    expect(store.partner.listDatalensKeys()).toEqual([]);
    await keyring.ready;
    const [k] = await keyring.list();
    expect(k.version).toBe(1);
    const details = createPublicKey(k.publicKey).asymmetricKeyDetails;
    expect(details).toEqual({ modulusLength: 2048, publicExponent: 65537n });
    expect(keyring.privateKey(1)?.type).toBe('private');
    expect(keyring.privateKey(2)).toBeUndefined();
    store.close();
  });

  it('generates nothing until `ready` is first read (a start does not share the CPU with it)', async () => {
    const store = new Store({ inMemory: true });
    const before = generated.mock.calls.length;
    const keyring = new DatalensKeyring(store.partner, now);
    keyring.reset();
    expect(keyring.publicKey(1)).toBeUndefined();
    expect(generated.mock.calls.length).toBe(before);
    await keyring.ready;
    expect(generated.mock.calls.length).toBe(before + 1);
    expect(keyring.publicKey(1)).toContain('BEGIN PUBLIC KEY');
    store.close();
  });

  it('a reset before `ready` was read puts the stored version 1 back, without generating', async () => {
    const store = new Store({ inMemory: true });
    const first = new DatalensKeyring(store.partner, now);
    await first.ready;
    const v1 = first.publicKey(1);
    const calls = generated.mock.calls.length;
    const keyring = new DatalensKeyring(store.partner, now);
    store.reset();
    keyring.reset();
    expect((await keyring.list()).map((k) => [k.version, k.publicKey])).toEqual([[1, v1]]);
    expect(generated.mock.calls.length).toBe(calls);
    store.close();
  });

  it('persists version 1 across restarts of the same data dir', async () => {
    const first = new Store({ dataDir: dir });
    const a = new DatalensKeyring(first.partner, now);
    await a.ready;
    const before = (await a.list())[0].publicKey;
    first.close();
    const second = new Store({ dataDir: dir });
    const b = new DatalensKeyring(second.partner, now);
    await b.ready;
    expect((await b.list()).map((k) => k.publicKey)).toEqual([before]);
    second.close();
  });

  it('numbers added versions, refuses an existing one, and restores version 1 after a reset', async () => {
    const store = new Store({ inMemory: true });
    const keyring = new DatalensKeyring(store.partner, now);
    await keyring.ready;
    const v1 = keyring.publicKey(1);
    expect((await keyring.add()).version).toBe(2);
    expect((await keyring.add(5)).version).toBe(5);
    const concurrent = await Promise.all([keyring.add(), keyring.add()]);
    expect(concurrent.map((k) => k.version).sort()).toEqual([6, 7]);
    await expect(keyring.add(5)).rejects.toMatchObject({ reason: 'PARTNER_KEY_VERSION_EXISTS', status: 409 });
    store.reset();
    keyring.reset();
    expect((await keyring.list()).map((k) => [k.version, k.publicKey])).toEqual([[1, v1]]);
    // Even when only the store is emptied, version 1 comes back on first use.
    store.reset();
    expect(keyring.privateKey(2)).toBeUndefined();
    expect(keyring.publicKey(1)).toBe(v1);
    expect((await keyring.add()).version).toBe(2);
    store.close();
  });
});
