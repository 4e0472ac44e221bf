// What the partner service offers, apart from how it is made (./service.ts): its routes and the
// emulator's other parts hold it by this interface.
import type { Router } from 'express';
import type { ClickHouseTarget } from '../datasources/clickhouse/target.js';
import type { ConnectionRunner } from '../datasources/runner.js';
import type { OpenedAccessToken } from './access-token.js';
import type { BindInput, CreatedConnection } from './connections.js';
import type { Connectors, CreateConnectorBody } from './connectors.js';
import type { RegisteredTokenReport } from './diagnose.js';
import type { ClientDatabases } from './databases.js';
import type { DatalensKeyring } from './keyring.js';
import type { DashboardTemplate } from './template.js';
import type { Connection, Connector } from './types.js';

/**
 * The DataLens side of partner connectors (docs/partner.md), one per emulator instance.
 * `AuditReport` is what the ClickHouse audit it was given returns (the doctor's report).
 */
export interface PartnerService<AuditReport = unknown> {
  /** Mounted at /_mock/partner. */
  router: Router;
  /** Resolves once DataLens key version 1 exists (generated in the background at first start). */
  readonly ready: Promise<void>;
  keyring: DatalensKeyring;
  connectors: Connectors;
  databases: ClientDatabases;
  /**
   * The connector a client database belongs to: the one named, else the only one, else (none yet)
   * the first one to be registered; throws PARTNER_DATABASE_CONNECTOR_REQUIRED when there are several.
   */
  databaseConnector(connectorId: string | undefined, route: string): string;
  /** Registers a connector; the first one adopts the databases loaded before it (databaseConnector). */
  createConnector(body: CreateConnectorBody): Connector;
  /** Checks and decrypts a connector's access token; throws a catalogued PARTNER_* error. */
  decrypt(connectorId: string, token: unknown): Promise<OpenedAccessToken & { connector: Connector }>;
  /** Explains a token with the emulator's keys (for /_mock/validate and `doctor --server`). */
  inspect(token: string, connectorId?: string): Promise<RegisteredTokenReport>;
  /** `POST /rpc/createConnection`; on a ClickHouse connector the token's db_name must exist on the cluster. */
  createConnection(body: unknown): Promise<CreatedConnection>;
  /** Binds a connection to a database without a token (seed files, the demo). */
  bindConnection(input: Omit<BindInput, 'connector' | 'versions'> & { connectorId: string }): CreatedConnection;
  getConnection(connectionId: string): Connection;
  /**
   * The read-only runner of a connection: its SQLite client database, or its database on the
   * connector's ClickHouse; free SQL only where the connector's rawSqlLevel allows it.
   */
  runner(connectionId: string): ConnectionRunner;
  /** The ClickHouse audit of one connector: its cluster, its connections' databases, its template's tables. */
  audit(connectorId: string): Promise<AuditReport>;
  /** After the store was emptied (POST /_mock/reset): drops client databases, keeps DataLens key 1. */
  reset(): void;
  close(): void;
}

/** What a ClickHouse audit looks at besides the cluster: the connections' client databases, and the template's tables. */
export interface AuditScope {
  /** Client databases the connections use (each token's db_name). */
  databases?: string[];
  /** The connector's dashboard template, whose tables and columns each client database must have. */
  template?: DashboardTemplate;
}

/**
 * The ClickHouse audit behind `audit()`: the doctor's (doctor/clickhouse/audit.ts). It is passed in
 * by the emulator because the doctor sits above partner (it checks partner tokens).
 */
export type ClickHouseAudit<R> = (target: ClickHouseTarget, scope: AuditScope) => Promise<R>;
