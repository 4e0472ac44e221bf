import { Clock } from '../core/clock.js';
import { FirstSeenTokens } from '../gateway/first-seen.js';
import { DEFAULTS, initialSettings, type ServerOptions } from '../core/config.js';
import type { AppContext, NamespaceEmulator } from './context.js';
import { HostPages } from '../control/host-pages.js';
import { EmbeddedDatasource } from '../datasources/embedded.js';
import { FaultRegistry } from '../faults/registry.js';
import { EmbedQueryMeter } from '../meter/embed-queries.js';
import { RequestJournal } from '../journal/journal.js';
import { NamespaceRegistry } from '../namespaces/registry.js';
import { partnerRpcMethods } from '../partner/rpc.js';
import { createPartnerService, type ClickHouseAudit } from '../partner/service.js';
import type { Report } from '../doctor/report.js';
import { demoSeed } from '../seed/demo.js';
import { applySeed, parseSeed, readSeedFile, type SeedResult } from '../seed/load.js';
import { Store } from '../store/index.js';
import { PublicKeyCache } from '../tokens/keys.js';
import { KeyPool } from './key-pool.js';
import { rekey, restoreSnapshot, takeSnapshot, usable, type SeedSnapshot } from './snapshot.js';
import { registerKeyOrigins } from '../tokens/key-origin.js';

export type { SeedSnapshot };

const emptySeed = (): SeedResult => ({ workbooks: {}, secrets: {}, entries: {}, embeds: {} });

/** The doctor's ClickHouse audit of a partner connector, loaded when a connector is first audited (not at start). */
const auditClickHouse: ClickHouseAudit<Report> = async (target, scope) => (await import('../doctor/clickhouse/audit.js')).auditClickHouse(target, scope);

/** What a namespace's emulator is made from: its parent's snapshot, and the pool its own keys come from. */
export interface NamespaceOrigin {
  name: string;
  /** Absent when the parent's state is on disk: the namespace then seeds itself. */
  snapshot?: SeedSnapshot;
  keys: KeyPool;
  /** The parent's DataLens partner key 1 once it exists: namespaces share it instead of generating one each. */
  datalensKey: () => Promise<ReturnType<Store['partner']['getDatalensKey']>>;
}

export interface EmulatorHooks {
  /** Builds a child emulator for a namespace (server.ts passes this in: the state owner never imports the app). */
  spawnNamespace?: (parent: AppContext, origin: NamespaceOrigin) => Promise<NamespaceEmulator>;
  /** Set for a namespace's own emulator. */
  origin?: NamespaceOrigin;
}

/**
 * The one owner of an emulator's state. It creates everything up front (store, clock, settings, key
 * cache, data source, partner service, journal, faults, host pages, namespaces), seeds, snapshots the
 * seeded state, and has the one `reset()`: every reset and every namespace starts from that snapshot.
 */
export async function createEmulator(options: ServerOptions, hooks: EmulatorHooks = {}): Promise<AppContext> {
  const { origin } = hooks;
  const inMemory = origin !== undefined || (options.inMemory ?? options.dataDir === undefined);
  const from = origin?.snapshot;
  const log = (msg: string) => {
    if (!options.quiet) process.stderr.write(`${msg}\n`);
  };
  const store = new Store(from ? { image: from.store.image } : { inMemory, dataDir: options.dataDir ?? DEFAULTS.dataDir, log });
  const datasource = from ? new EmbeddedDatasource(from.datasource) : new EmbeddedDatasource();
  if (!from) datasource.load(store.datasource.list());
  if (origin) {
    // The parent's DataLens key 1 (when it is ready) saves this namespace a key generation.
    const key = await origin.datalensKey();
    if (key && !store.partner.getDatalensKey(1)) store.partner.addDatalensKey(key);
  }
  let snapshot: SeedSnapshot | undefined;

  const seedAll = async (): Promise<void> => {
    const seed = emptySeed();
    const generated: string[] = [];
    const merge = (r: SeedResult) => {
      for (const k of ['workbooks', 'secrets', 'entries', 'embeds'] as const) Object.assign(seed[k], r[k]);
      if (r.partner) {
        seed.partner ??= { connectors: {}, connections: {} };
        Object.assign(seed.partner.connectors, r.partner.connectors);
        Object.assign(seed.partner.connections, r.partner.connections);
      }
    };
    if (options.demo) merge(await applySeed(ctx, parseSeed(demoSeed(), 'demo'), 'demo', generated));
    if (options.seed) merge(await applySeed(ctx, parseSeed(await readSeedFile(options.seed), options.seed), options.seed, generated));
    if (options.seedData !== undefined) merge(await applySeed(ctx, parseSeed(options.seedData, 'seedData'), 'seedData', generated));
    ctx.seed = seed;
    snapshot = takeSnapshot(ctx, seed, generated);
  };

  const ctx: AppContext = {
    options: { ...options, apiPrefix: options.apiPrefix ?? DEFAULTS.apiPrefix },
    store,
    clock: new Clock(),
    settings: initialSettings(options),
    keys: new PublicKeyCache(),
    firstSeen: new FirstSeenTokens(),
    datasource,
    seed: emptySeed(),
    ready: false,
    rpcMethods: { ...partnerRpcMethods },
    journal: new RequestJournal(undefined, options.journal !== false),
    faults: new FaultRegistry(),
    meter: new EmbedQueryMeter(),
    hostPages: new HostPages(),
    namespace: origin?.name,
    log,
    async reset() {
      ctx.ready = false;
      try {
        ctx.journal.clear();
        ctx.faults.clear();
        ctx.meter.reset();
        ctx.hostPages.clear();
        ctx.clock.set(null);
        Object.assign(ctx.settings, initialSettings(options));
        if (snapshot && usable(snapshot, ctx.partner) && inMemory) {
          ctx.seed = restoreSnapshot(ctx, snapshot);
        } else {
          // On disk: the store and the client databases are files; empty them and seed again.
          store.reset();
          ctx.partner?.reset();
          datasource.load([]);
          await seedAll();
        }
      } finally {
        ctx.ready = true;
      }
    },
    async close() {
      await ctx.namespaces?.closeAll();
      pool.close();
      ctx.partner?.close();
      datasource.close();
      store.close();
    },
  };
  // Partner key generation runs in the background; partner routes wait for it themselves.
  const partner = createPartnerService(ctx, auditClickHouse);
  ctx.partner = partner;

  if (from) {
    // A namespace: the parent's seeded state, with keys of its own where the seed generated them.
    const seed = structuredClone(from.seed);
    if (from.clientDatabases) partner.databases.restore(from.clientDatabases);
    await rekey(store, seed, from.generatedKeys, origin!.keys);
    ctx.seed = seed;
    registerKeyOrigins(ctx.keys, seed);
    snapshot = from.generatedKeys.length ? takeSnapshot(ctx, seed, []) : from;
  } else {
    await seedAll();
  }

  // Namespaces (top level only: they don't nest). Keys for the first ones are generated now, in the
  // background, when the seed generates keys; a seed with its own keys needs none.
  const pool = new KeyPool(origin ? 0 : Math.min(8, (snapshot?.generatedKeys.length ?? 0) * 2));
  const { spawnNamespace } = hooks;
  if (!origin && spawnNamespace) {
    const datalensKey = async () => {
      await partner.ready.catch(() => undefined);
      return store.db.open ? store.partner.getDatalensKey(1) : undefined;
    };
    const spawn = (name: string): Promise<NamespaceEmulator> => {
      const from = snapshot && usable(snapshot, partner) ? snapshot : undefined;
      return spawnNamespace(ctx, { name, snapshot: from, keys: pool, datalensKey });
    };
    ctx.namespaces = new NamespaceRegistry(spawn);
  }
  ctx.ready = true;
  return ctx;
}
