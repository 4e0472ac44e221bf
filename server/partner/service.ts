import type { Router } from 'express';
import { DEFAULTS } from '../config.js';
import type { AppContext } from '../context.js';
import type { TableData } from '../entries/table.js';
import { nowIso } from '../rpc/common.js';
import { openAccessToken, type OpenedAccessToken } from './access-token.js';
import { bindConnection, createConnection, requireConnection, type BindInput, type CreatedConnection } from './connections.js';
import { Connectors } from './connectors.js';
import { inspectRegisteredToken, type RegisteredTokenReport } from './diagnose.js';
import { ClientDatabases } from './databases.js';
import { DatalensKeyring } from './keyring.js';
import { checkPartnerSql, runPartnerQuery } from './query.js';
import { partnerRouter } from './routes.js';
import type { Connection, Connector } from './types.js';

/** The DataLens side of partner connectors (docs/partner.md), one per emulator instance. */
export interface PartnerService {
  /** Mounted at /_mock/partner. */
  router: Router;
  /** Resolves once DataLens key version 1 exists (generated in the background at first start). */
  readonly ready: Promise<void>;
  keyring: DatalensKeyring;
  connectors: Connectors;
  databases: ClientDatabases;
  /** Checks and decrypts a connector's access token; throws a catalogued PARTNER_* error. */
  decrypt(connectorId: string, token: unknown): Promise<OpenedAccessToken & { connector: Connector }>;
  /** Explains a token with the emulator's keys (for /_mock/validate and `doctor --server`). */
  inspect(token: string, connectorId?: string): Promise<RegisteredTokenReport>;
  /** `POST /rpc/createConnection`. */
  createConnection(body: unknown): Promise<CreatedConnection>;
  /** Binds a connection to a database without a token (seed files, the demo). */
  bindConnection(input: Omit<BindInput, 'connector' | 'versions'> & { connectorId: string }): CreatedConnection;
  getConnection(connectionId: string): Connection;
  /** Runs a chart's SQL on its connection's client database, read-only. */
  query(connectionId: string, sql: string, params: Record<string, unknown>): TableData;
  /** Checks SQL for a chart on a partner connection before any data exists. */
  checkSql(sql: string, field?: string): void;
  /** After the store was emptied (POST /_mock/reset): drops client databases, keeps DataLens key 1. */
  reset(): void;
  close(): void;
}

export function createPartnerService(ctx: AppContext): PartnerService {
  const repo = ctx.store.partner;
  const now = () => nowIso(ctx);
  const keyring = new DatalensKeyring(repo, now);
  const connectors = new Connectors(repo, ctx.keys, now, checkPartnerSql);
  const databases = new ClientDatabases({ dataDir: ctx.options.dataDir ?? DEFAULTS.dataDir, inMemory: ctx.options.inMemory === true });

  const decrypt: PartnerService['decrypt'] = async (connectorId, token) => {
    const connector = connectors.get(connectorId);
    await keyring.ready;
    const opened = openAccessToken(token, {
      datalensKey: (v) => keyring.privateKey(v),
      partnerKeys: connectors.publicKeys(connector),
    });
    return { ...opened, connector };
  };

  const service: Omit<PartnerService, 'router'> = {
    get ready() {
      return keyring.ready;
    },
    keyring,
    connectors,
    databases,
    decrypt,
    inspect: (token, connectorId) => inspectRegisteredToken(keyring, connectors, token, connectorId),
    createConnection: (body) =>
      createConnection(ctx, body, async (connectorId, token) => {
        const { connector, ...opened } = await decrypt(connectorId, token);
        return { connector, opened };
      }),
    bindConnection: ({ connectorId, ...input }) => bindConnection(ctx, { ...input, connector: connectors.get(connectorId) }),
    getConnection: (connectionId) => requireConnection(ctx, connectionId),
    query(connectionId, sql, params) {
      const { dbName } = requireConnection(ctx, connectionId);
      return runPartnerQuery(databases.reader(dbName), dbName, sql, params);
    },
    checkSql: (sql, field) => checkPartnerSql(sql, field),
    reset() {
      databases.reset();
      keyring.reset();
    },
    close() {
      databases.close();
    },
  };
  // Object.assign keeps the `ready` getter (a reset may replace the promise).
  return Object.assign(service, { router: partnerRouter(service) });
}
