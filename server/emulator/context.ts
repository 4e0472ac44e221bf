import type { Clock } from '../core/clock.js';
import type { HostPages } from '../control/host-pages.js';
import type { RuntimeSettings, ServerOptions } from '../core/config.js';
import type { EmbeddedDatasource } from '../datasources/embedded.js';
import type { FaultRegistry } from '../faults/registry.js';
import type { EmbedQueryMeter } from '../meter/embed-queries.js';
import type { FirstSeenTokens } from '../gateway/first-seen.js';
// res.locals: the keys middlewares and routers share, typed once.
export type { RequestLocals } from '../gateway/locals.js';
import type { RequestJournal } from '../journal/journal.js';
import type { Express } from 'express';
import type { NamespaceApp, NamespaceRegistry } from '../namespaces/registry.js';
import type { Report } from '../doctor/report.js';
import type { PartnerService } from '../partner/service.js';
import type { SeedResult } from '../seed/load.js';
import type { Store } from '../store/index.js';
import type { PublicKeyCache } from '../tokens/keys.js';

/**
 * An emulator's whole state, created up front by the state owner (./index.ts) once per emulator
 * instance (no globals: instances are isolated). This is the one place that puts it all together:
 * every consumer below names only the narrow state it reads (`GatewayState`, `RpcState`,
 * `PartnerHost`, `JournalState`, …), and an AppContext is passed where one of those is asked for.
 */
export interface AppContext {
  options: Required<Pick<ServerOptions, 'apiPrefix'>> & ServerOptions;
  store: Store;
  clock: Clock;
  settings: RuntimeSettings;
  keys: PublicKeyCache;
  /** Tokens signed on the real clock while the clock is moved, by when they were first seen (server/gateway/first-seen.ts). */
  firstSeen: FirstSeenTokens;
  /** The embedded SQLite data source of `sql` charts. */
  datasource: EmbeddedDatasource;
  /** Partner connectors (server/partner): keyring, connectors, client databases, `query` for charts. */
  partner?: PartnerService<Report>;
  /** What --seed / --demo created, private keys included (refreshed by every reset); `POST /_mock/tokens` signs with them. */
  seed: SeedResult;
  /** True once seeding (or a reset) is done; /_mock/health answers 200 only then. Set by server/emulator only. */
  ready: boolean;
  /**
   * POST /_mock/reset: back to the seeded state (store, data sources, partner databases, seed result,
   * from the snapshot taken after seeding), the clock to real time, the settings to their start
   * values, and the journal, faults and host pages emptied. Namespaces live on.
   */
  reset(): Promise<void>;
  /** Closes the namespaces, the partner service and the databases. */
  close(): Promise<void>;
  /** Extra /rpc methods contributed by other domains (partner connectors). */
  rpcMethods: Record<string, (ctx: AppContext, body: unknown) => unknown>;
  /** Writes one line to the server log (stderr), unless quiet. */
  log(msg: string): void;
  /** The request journal (a do-nothing one with `journal: false`). */
  journal: RequestJournal;
  /** Faults injected by POST /_mock/faults. */
  faults: FaultRegistry;
  /** Embedded queries this month (server/meter), against `settings.embedQueryLimit`. */
  meter: EmbedQueryMeter;
  /** Pages stored by PUT /_mock/host-pages/:name. */
  hostPages: HostPages;
  /** Child namespaces (server/namespaces); absent on a namespace's own emulator: namespaces don't nest. */
  namespaces?: NamespaceRegistry<NamespaceEmulator>;
  /** Set on a namespace's own emulator (server/namespaces): its name. Namespaces don't nest. */
  namespace?: string;
}

/** A namespace's own emulator, as server.ts builds it for the registry: its app, state and seed. */
export interface NamespaceEmulator extends NamespaceApp {
  app: Express;
  ctx: AppContext;
  readonly seed: SeedResult;
}
