import type { Clock } from './clock.js';
import type { RuntimeSettings, ServerOptions } from './config.js';
import type { EmbeddedDatasource } from './datasources/embedded.js';
import type { FaultRegistry } from './faults/registry.js';
import type { RequestJournal } from './journal/journal.js';
import type { NamespaceRegistry } from './namespaces/registry.js';
import type { PartnerService } from './partner/service.js';
import type { SeedResult } from './seed/load.js';
import type { Store } from './store/index.js';
import type { PublicKeyCache } from './tokens/keys.js';

/** Everything a route needs, created once per emulator instance (no globals: instances are isolated). */
export interface AppContext {
  options: Required<Pick<ServerOptions, 'apiPrefix'>> & ServerOptions;
  store: Store;
  clock: Clock;
  settings: RuntimeSettings;
  keys: PublicKeyCache;
  /** The embedded SQLite data source of `sql` charts. */
  datasource: EmbeddedDatasource;
  /** Partner connectors (server/partner): keyring, connectors, client databases, `query` for charts. */
  partner?: PartnerService;
  /** What --seed / --demo created, private keys included (refreshed by every reset); `POST /_mock/tokens` signs with them. */
  seed: SeedResult;
  /** Resolves once seeding is done; /_mock/health answers 200 only after it. */
  ready: boolean;
  /** Empties all state, then re-applies --seed / --demo (POST /_mock/reset). */
  reset(): Promise<void>;
  /** Extra /rpc methods contributed by other domains (partner connectors). */
  rpcMethods: Record<string, (ctx: AppContext, body: unknown) => unknown>;
  /** Writes one line to the server log (stderr), unless quiet. */
  log(msg: string): void;
  /** Test kit, each created on first use: request journal, injected faults, child namespaces. */
  journal?: RequestJournal;
  faults?: FaultRegistry;
  namespaces?: NamespaceRegistry;
  /** Set on a namespace's own emulator (server/namespaces): its name. Namespaces don't nest. */
  namespace?: string;
}
