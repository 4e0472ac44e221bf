import { createPrivateKey, type KeyObject } from 'node:crypto';
import { MockError } from '../errors/catalogue.js';
import type { PartnerRepo } from '../store/partner.js';
import { generateRsaKeyPair } from '../tokens/keys.js';
import type { DatalensKey } from './types.js';

/** What the API shows of a DataLens key: never the private half. */
export interface DatalensPublicKey {
  version: number;
  publicKey: string;
  createdAt: string;
}

const toPublic = (k: DatalensKey): DatalensPublicKey => ({ version: k.version, publicKey: k.publicKey, createdAt: k.createdAt });

/**
 * The emulator's DataLens keyring (DataLens's partner-connector guide: "DataLens will also provide you with the public part
 * of its key and the key version"). RSA-2048, e=65537, numbered by version; version 1 is made at the
 * first start and persists in the store. Generating a key takes ~0.1–0.5 s of CPU, so it runs in
 * the background (libuv thread pool), started by the first read of `ready` (createMockServer reads
 * it once the server listens: the start-up itself never generates), and `ready` resolves when
 * version 1 exists.
 */
export class DatalensKeyring {
  /** Parsed private keys by PEM text: a wiped and re-added version can never hit a stale entry. */
  private readonly privateKeys = new Map<string, KeyObject>();
  /** Version 1 as first loaded or made, restored after a reset so that minted tokens keep working. */
  private first: DatalensKey | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly repo: PartnerRepo,
    private readonly now: () => string,
  ) {
    // Read now: a reset before `ready` is read must put the stored version 1 back.
    this.first = repo.getDatalensKey(1);
  }

  /** A failure (e.g. the store closed while generating) surfaces to whoever awaits `ready`. */
  private track(p: Promise<void>): Promise<void> {
    p.catch(() => undefined);
    return p;
  }

  /** Resolves once version 1 exists; the first read starts generating it when the store has none. */
  get ready(): Promise<void> {
    this.pending ??= this.track(this.ensureFirst());
    return this.pending;
  }

  private async ensureFirst(): Promise<void> {
    this.first = this.repo.getDatalensKey(1);
    if (this.first) return;
    const pair = await generateRsaKeyPair();
    this.repo.addDatalensKey({ version: 1, ...pair, createdAt: this.now() });
    this.first = this.repo.getDatalensKey(1);
  }

  async list(): Promise<DatalensPublicKey[]> {
    await this.ready;
    this.row(1);
    return this.repo.listDatalensKeys().map(toPublic);
  }

  /** Adds a version (default: the highest + 1). An existing version is never replaced. */
  async add(version?: number): Promise<DatalensPublicKey> {
    await this.ready;
    const exists = (v: number) =>
      new MockError('PARTNER_KEY_VERSION_EXISTS', { field: 'version', message: `DataLens key version ${v} already exists.` });
    this.row(1);
    if (version !== undefined && this.repo.getDatalensKey(version)) throw exists(version);
    const pair = await generateRsaKeyPair();
    // The version is chosen after the slow part, so two concurrent adds get different numbers.
    const v = version ?? Math.max(0, ...this.repo.listDatalensKeys().map((k) => k.version)) + 1;
    const key: DatalensKey = { version: v, ...pair, createdAt: this.now() };
    if (!this.repo.addDatalensKey(key)) throw exists(v);
    return toPublic(key);
  }

  /** The private key of a version, parsed once. Call after `ready`. */
  privateKey(version: number): KeyObject | undefined {
    const row = this.row(version);
    if (!row) return undefined;
    let key = this.privateKeys.get(row.privateKey);
    if (!key) {
      key = createPrivateKey(row.privateKey);
      this.privateKeys.set(row.privateKey, key);
    }
    return key;
  }

  /** A version's row; version 1 is put back first if the store was emptied under the keyring. */
  private row(version: number): DatalensKey | undefined {
    const row = this.repo.getDatalensKey(version);
    if (row || version !== 1 || !this.first) return row;
    this.repo.addDatalensKey(this.first);
    return this.first;
  }

  publicKey(version: number): string | undefined {
    return this.row(version)?.publicKey;
  }

  /**
   * After the store was emptied (which drops added versions): put version 1 back, so the DataLens
   * public key partners configured stays valid across POST /_mock/reset.
   */
  reset(): void {
    this.privateKeys.clear();
    if (this.first) this.row(1);
    // Not started yet: the next read of `ready` makes it.
    else if (this.pending) this.pending = this.track(this.pending.then(() => this.ensureFirst()));
  }
}
