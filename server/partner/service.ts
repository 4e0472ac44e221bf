import { DEFAULTS, type ServerOptions } from '../core/config.js';
import { ClickHouseCluster, ClickHouseFailure, failureError } from '../datasources/clickhouse/cluster.js';
import type { ClickHouseTarget } from '../datasources/clickhouse/target.js';
import { checkClickHouseSql, ClickHouseRunner } from '../datasources/clickhouse/runner.js';
import type { ConnectionRunner } from '../datasources/runner.js';
import { checkSqliteSql } from '../datasources/sqlite.js';
import { MockError } from '../errors/catalogue.js';
import { nowIso, type RpcState } from '../rpc/common.js';
import { openAccessToken, type OpenedAccessToken } from './access-token.js';
import { bindConnection, createConnection, requireConnection, type BindInput, type CreatedConnection } from './connections.js';
import { Connectors, type CreateConnectorBody } from './connectors.js';
import { inspectRegisteredToken, type RegisteredTokenReport } from './diagnose.js';
import { ClientDatabases, UNASSIGNED } from './databases.js';
import { DatalensKeyring } from './keyring.js';
import { connectionRunner } from './raw-sql.js';
import { partnerRouter } from './routes.js';
import type { ClickHouseAudit, PartnerService } from './service-api.js';
import type { Connection, Connector } from './types.js';

export type { AuditScope, ClickHouseAudit, PartnerService } from './service-api.js';

/** How messages name a connector's cluster (never with the password). */
export const clusterLabel = (c: Pick<Connector, 'title' | 'connectorId'>, url: string) =>
  `ClickHouse of connector ${JSON.stringify(c.title)} (${c.connectorId}, ${url})`;

/**
 * What the partner service reads of its emulator: the /rpc state (a connection deploys its dashboard
 * through the core methods), where its files go, and the log.
 */
export interface PartnerHost extends RpcState {
  options: Pick<ServerOptions, 'dataDir' | 'inMemory'>;
  log(msg: string): void;
}

export function createPartnerService<R>(ctx: PartnerHost, auditClickHouse: ClickHouseAudit<R>): PartnerService<R> {
  const repo = ctx.store.partner;
  const now = () => nowIso(ctx);
  const keyring = new DatalensKeyring(repo, now);
  const connectors = new Connectors(repo, ctx.keys, now, (sql, field, backend) =>
    backend === 'clickhouse' ? checkClickHouseSql(sql, field) : checkSqliteSql(sql, field),
  );
  const databases = new ClientDatabases({ dataDir: ctx.options.dataDir ?? DEFAULTS.dataDir, inMemory: ctx.options.inMemory === true });
  const unread = databases.adoptUnscoped(connectors.list().map((c) => c.connectorId));
  if (unread.length) {
    ctx.log(
      `datalens-mock: ${unread.length} client database file(s) of an older version (${unread.slice(0, 5).join(', ')}) belong to no connector and are not read: ` +
        'load them again with PUT /_mock/partner/connectors/<connectorId>/databases/<db>/tables/<table>.',
    );
  }
  const clusters = new Map<string, ClickHouseCluster>();

  /** The connector's cluster client, made once per connector (connectors never change their cluster). */
  const clusterOf = (connector: Connector): ClickHouseCluster | undefined => {
    let cluster = clusters.get(connector.connectorId);
    if (!cluster) {
      const target = connectors.clickhouseTarget(connector.connectorId);
      if (!target) return undefined;
      clusters.set(connector.connectorId, (cluster = new ClickHouseCluster(target)));
    }
    return cluster;
  };

  const decrypt: PartnerService['decrypt'] = async (connectorId, token) => {
    const connector = connectors.get(connectorId);
    await keyring.ready;
    const opened = openAccessToken(token, {
      datalensKey: (v) => keyring.privateKey(v),
      partnerKeys: connectors.publicKeys(connector),
    });
    return { ...opened, connector };
  };

  /** A ClickHouse connector's connection needs its database on the cluster: the partner creates one per client. */
  const requireDatabase = async (connector: Connector, dbName: string): Promise<void> => {
    const cluster = clusterOf(connector);
    if (!cluster) return;
    const where = clusterLabel(connector, cluster.target.url);
    let names: string[];
    try {
      names = await cluster.databases();
    } catch (e) {
      throw e instanceof ClickHouseFailure ? failureError(e, where) : e;
    }
    if (!names.includes(dbName)) {
      throw new MockError('PARTNER_DATABASE_NOT_FOUND', {
        field: 'db_name',
        message: `The access token names the database ${JSON.stringify(dbName)}, which does not exist on ${where}.`,
      });
    }
  };

  const service: Omit<PartnerService<R>, 'router'> = {
    get ready() {
      return keyring.ready;
    },
    keyring,
    connectors,
    databases,
    databaseConnector(connectorId, route) {
      if (connectorId !== undefined) return connectors.get(connectorId).connectorId;
      const all = connectors.list();
      if (all.length === 1) return all[0].connectorId;
      // Before any connector exists, the databases wait for the first one (as 0.1.0's walkthrough allowed).
      if (all.length === 0) return UNASSIGNED;
      throw new MockError('PARTNER_DATABASE_CONNECTOR_REQUIRED', {
        field: 'connectorId',
        message: `${route} does not say which of the ${all.length} connectors (${all.slice(0, 5).map((c) => c.connectorId).join(', ')}${all.length > 5 ? ', …' : ''}) the client database belongs to.`,
      });
    },
    createConnector(body) {
      const created = connectors.create(body);
      if (connectors.list().length === 1) databases.adoptUnassigned(created.connectorId);
      return created;
    },
    decrypt,
    inspect: (token, connectorId) => inspectRegisteredToken(keyring, connectors, token, connectorId),
    createConnection: (body) =>
      createConnection(ctx, body, async (connectorId, token) => {
        const { connector, ...opened } = await decrypt(connectorId, token);
        await requireDatabase(connector, opened.dbName);
        return { connector, opened };
      }),
    bindConnection: ({ connectorId, ...input }) => bindConnection(ctx, { ...input, connector: connectors.get(connectorId) }),
    getConnection: (connectionId) => requireConnection(ctx, connectionId),
    runner(connectionId) {
      const { dbName, connectorId } = requireConnection(ctx, connectionId);
      const connector = connectors.get(connectorId);
      const cluster = clusterOf(connector);
      const inner = cluster ? new ClickHouseRunner(cluster, dbName, clusterLabel(connector, cluster.target.url)) : databases.runner({ connectorId, dbName });
      return connectionRunner(inner, connector);
    },
    async audit(connectorId) {
      const connector = connectors.get(connectorId);
      const target = connectors.clickhouseTarget(connectorId);
      if (!target) {
        throw new MockError('INVALID_BODY', {
          field: 'connectorId',
          message: `Connector ${connectorId} has no ClickHouse cluster (register it with clickhouse: {url, username?, password?}); its connections use the embedded SQLite databases.`,
        });
      }
      const dbNames = [...new Set(repo.connectionsOfConnector(connectorId).map((c) => c.dbName))];
      return auditClickHouse(target, { databases: dbNames, template: connector.dashboardTemplate });
    },
    reset() {
      databases.reset();
      keyring.reset();
      for (const c of clusters.values()) void c.close();
      clusters.clear();
    },
    close() {
      databases.close();
      for (const c of clusters.values()) void c.close();
      clusters.clear();
    },
  };
  // Object.assign keeps the `ready` getter (a reset may replace the promise).
  return Object.assign(service, { router: partnerRouter(service) });
}
