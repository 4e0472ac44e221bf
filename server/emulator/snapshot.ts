import type { EmbeddedDatasource } from '../datasources/embedded.js';
import type { PartnerService } from '../partner/service.js';
import type { SeedResult } from '../seed/load.js';
import type { Store, StoreSnapshot } from '../store/index.js';
import type { KeyPool } from './key-pool.js';

/**
 * The seeded state of an emulator, taken once right after seeding: every reset and every new
 * namespace starts from it instead of seeding again.
 */
export interface SeedSnapshot {
  store: StoreSnapshot;
  /** The embedded data source's tables (an image of its SQLite database). */
  datasource: Buffer;
  /** The partner service's client databases (in memory only; a root on disk has none, see `usable`). */
  clientDatabases: Map<string, Buffer> | undefined;
  seed: SeedResult;
  /** The keys the emulator generated while seeding (secrets without privateKey): each namespace gets its own. */
  generatedKeys: string[];
}

/** Whatever a snapshot is taken from and restored into. */
export interface SeededState {
  store: Store;
  datasource: EmbeddedDatasource;
  partner?: PartnerService;
}

export function takeSnapshot(state: SeededState, seed: SeedResult, generatedKeys: string[]): SeedSnapshot {
  return {
    store: state.store.snapshot(),
    datasource: state.datasource.serialize(),
    clientDatabases: state.partner?.databases.snapshot(),
    seed: structuredClone(seed),
    generatedKeys,
  };
}

/** False when the client databases live on disk: then a reset deletes them and seeds again. */
export function usable(snapshot: SeedSnapshot, partner?: PartnerService): boolean {
  return !partner || snapshot.clientDatabases !== undefined;
}

/** Puts the snapshot's content back in place (same connections); returns the seed result to use. */
export function restoreSnapshot(state: SeededState, snapshot: SeedSnapshot): SeedResult {
  state.store.restore(snapshot.store);
  state.datasource.restore(snapshot.datasource);
  state.partner?.reset();
  if (snapshot.clientDatabases) state.partner?.databases.restore(snapshot.clientDatabases);
  return structuredClone(snapshot.seed);
}

/**
 * Gives a namespace its own copy of every generated key: a new public key in its store, the new
 * private key in its seed result (what `POST /_mock/tokens` signs with). Nothing is re-signed: only
 * public keys are stored.
 */
export async function rekey(store: Store, seed: SeedResult, generatedKeys: string[], pool: KeyPool): Promise<void> {
  for (const secretId of generatedKeys) {
    const { publicKey, privateKey } = await pool.take();
    store.secrets.setPublicKey(secretId, publicKey);
    for (const s of Object.values(seed.secrets)) if (s.embeddingSecretId === secretId) Object.assign(s, { publicKey, privateKey });
    for (const e of Object.values(seed.embeds)) if (e.embeddingSecretId === secretId) e.privateKey = privateKey;
  }
}
