import type { Clock } from '../core/clock.js';
import { MockError } from '../errors/catalogue.js';
import { newId } from '../core/ids.js';
import type { Entry, Workbook } from '../core/types.js';
import type { EmbeddedDatasource } from '../datasources/embedded.js';
import type { ConnectionRunner } from '../datasources/runner.js';
import type { Store } from '../store/index.js';
import type { PublicKeyCache } from '../tokens/keys.js';

/** What the core methods ask of partner connections (server/partner provides them). */
export interface RpcConnections {
  getConnection(connectionId: string): { workbookId: string };
  runner(connectionId: string): Pick<ConnectionRunner, 'check'>;
}

/** The state the /rpc methods read and write: an emulator's state passes for it. */
export interface RpcState {
  store: Store;
  clock: Clock;
  keys: PublicKeyCache;
  /** The embedded SQLite data source: `sql` charts without a connection are checked against it. */
  datasource: Pick<EmbeddedDatasource, 'check'>;
  /** Absent where the emulator has no partner connectors. */
  partner?: RpcConnections;
}

export const ACTOR = 'datalens-mock';

export function nowIso(ctx: Pick<RpcState, 'clock'>): string {
  return new Date(ctx.clock.now() * 1000).toISOString();
}

export function requireWorkbook(ctx: Pick<RpcState, 'store'>, workbookId: string): Workbook {
  const wb = ctx.store.workbooks.get(workbookId);
  if (!wb) throw new MockError('WORKBOOK_NOT_FOUND', { field: 'workbookId', message: `No workbook has workbookId ${workbookId}.` });
  return wb;
}

export function requireEntry(ctx: Pick<RpcState, 'store'>, entryId: string, field = 'entryId'): Entry {
  const e = ctx.store.entries.get(entryId);
  if (!e) throw new MockError('ENTRY_NOT_FOUND', { field, message: `No chart or dashboard has entryId ${entryId} (${field}).` });
  return e;
}

/** A fixed ID from a seed, or a new one; a fixed ID already in use is refused. */
export function pickId(fixed: string | undefined, exists: (id: string) => boolean, field: string): string {
  if (fixed === undefined) return newId();
  if (exists(fixed)) throw new MockError('INVALID_BODY', { field, message: `${field} ${fixed} is already in use.` });
  return fixed;
}

export type RpcMethod = (ctx: RpcState, body: unknown) => unknown | Promise<unknown>;
