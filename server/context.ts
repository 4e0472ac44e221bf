import type { Clock } from './clock.js';
import type { RuntimeSettings, ServerOptions } from './config.js';
import type { EmbeddedDatasource } from './entries/datasource.js';
import type { TableData } from './entries/table.js';
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
  /** Partner connectors (server/partner): runs SQL on a connection's client database. */
  partner?: { query(connectionId: string, sql: string, params: Record<string, unknown>): TableData };
  /** Resolves once seeding is done; /_mock/health answers 200 only after it. */
  ready: boolean;
  /** Empties all state, then re-applies --seed / --demo (POST /_mock/reset). */
  reset(): Promise<void>;
  /** Extra /rpc methods contributed by other domains (partner connectors). */
  rpcMethods: Record<string, (ctx: AppContext, body: unknown) => unknown>;
  /** Writes one line to the server log (stderr), unless quiet. */
  log(msg: string): void;
}
