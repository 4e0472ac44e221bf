import type { ClickHouseTarget, Connection, DatalensKey, PartnerKey, StoredConnector as Connector } from './partner-records.js';
import type { DataRow } from './datasource.js';
import type { Db } from './db.js';

// All partner SQL text lives here (only server/store/ writes SQL): the emulator's store
// tables (migration 2) and the statements that fill a client database.

interface DatalensKeyRow {
  version: number;
  public_key: string;
  private_key: string;
  created_at: string;
}
interface ConnectorRow {
  connector_id: string;
  title: string;
  dashboard_template: string | null;
  clickhouse: string | null;
  raw_sql_level: Connector['rawSqlLevel'];
  created_at: string;
}
interface KeyRow {
  version: number;
  public_key: string;
  created_at: string;
}
interface ConnectionRow {
  connection_id: string;
  workbook_id: string;
  connector_id: string;
  title: string;
  db_name: string;
  datalens_key_version: number | null;
  partner_key_version: number | null;
  created_at: string;
}

const toDatalensKey = (r: DatalensKeyRow): DatalensKey => ({
  version: r.version,
  publicKey: r.public_key,
  privateKey: r.private_key,
  createdAt: r.created_at,
});
const toPartnerKey = (r: KeyRow): PartnerKey => ({ version: r.version, publicKey: r.public_key, createdAt: r.created_at });
const toConnection = (r: ConnectionRow): Connection => ({
  connectionId: r.connection_id,
  workbookId: r.workbook_id,
  connectorId: r.connector_id,
  title: r.title,
  dbName: r.db_name,
  datalensKeyVersion: r.datalens_key_version,
  partnerKeyVersion: r.partner_key_version,
  createdAt: r.created_at,
});

const publicTarget = (t: ClickHouseTarget) => ({ url: t.url, username: t.username, timeoutMs: t.timeoutMs, hasPassword: t.password !== '' });

/** DataLens keyring, connectors with their partner keys, and connections. */
export function partnerRepo(db: Db) {
  const insertDlKey = db.prepare(
    'INSERT OR IGNORE INTO datalens_keys (version, public_key, private_key, created_at) VALUES (?, ?, ?, ?)',
  );
  const getDlKey = db.prepare<[number], DatalensKeyRow>('SELECT * FROM datalens_keys WHERE version = ?');
  const allDlKeys = db.prepare<[], DatalensKeyRow>('SELECT * FROM datalens_keys ORDER BY version');
  const insertConnector = db.prepare(
    'INSERT INTO connectors (connector_id, title, dashboard_template, clickhouse, raw_sql_level, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const getConnector = db.prepare<[string], ConnectorRow>('SELECT * FROM connectors WHERE connector_id = ?');
  const allConnectors = db.prepare<[], ConnectorRow>('SELECT * FROM connectors ORDER BY created_at, connector_id');
  const insertKey = db.prepare(
    'INSERT OR IGNORE INTO connector_keys (connector_id, version, public_key, created_at) VALUES (?, ?, ?, ?)',
  );
  const keysOf = db.prepare<[string], KeyRow>(
    'SELECT version, public_key, created_at FROM connector_keys WHERE connector_id = ? ORDER BY version',
  );
  const insertConnection = db.prepare(
    `INSERT INTO connections (connection_id, workbook_id, connector_id, title, db_name, datalens_key_version,
       partner_key_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const getConnection = db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE connection_id = ?');
  const connectionsOf = db.prepare<[string], ConnectionRow>(
    'SELECT * FROM connections WHERE workbook_id = ? ORDER BY created_at, connection_id',
  );
  const connectionsOfConnector = db.prepare<[string], ConnectionRow>(
    'SELECT * FROM connections WHERE connector_id = ? ORDER BY created_at, connection_id',
  );
  const targetOf = (r: ConnectorRow): ClickHouseTarget | undefined => (r.clickhouse === null ? undefined : JSON.parse(r.clickhouse));
  const toConnector = (r: ConnectorRow): Connector => ({
    connectorId: r.connector_id,
    title: r.title,
    partnerKeys: keysOf.all(r.connector_id).map(toPartnerKey),
    ...(r.dashboard_template !== null && { dashboardTemplate: JSON.parse(r.dashboard_template) }),
    ...(r.clickhouse !== null && { clickhouse: publicTarget(targetOf(r)!) }),
    rawSqlLevel: r.raw_sql_level,
    createdAt: r.created_at,
  });

  return {
    /** Adds a DataLens key version; false when that version already exists (it is never replaced). */
    addDatalensKey(k: DatalensKey): boolean {
      return insertDlKey.run(k.version, k.publicKey, k.privateKey, k.createdAt).changes > 0;
    },
    getDatalensKey(version: number): DatalensKey | undefined {
      const r = getDlKey.get(version);
      return r && toDatalensKey(r);
    },
    listDatalensKeys(): DatalensKey[] {
      return allDlKeys.all().map(toDatalensKey);
    },
    /** Stores a connector; its cluster (password included) is kept apart from what the API shows. */
    createConnector(c: Omit<Connector, 'clickhouse'>, clickhouse?: ClickHouseTarget): Connector {
      db.transaction(() => {
        insertConnector.run(
          c.connectorId,
          c.title,
          c.dashboardTemplate ? JSON.stringify(c.dashboardTemplate) : null,
          clickhouse ? JSON.stringify(clickhouse) : null,
          c.rawSqlLevel,
          c.createdAt,
        );
        for (const k of c.partnerKeys) insertKey.run(c.connectorId, k.version, k.publicKey, k.createdAt);
      })();
      return { ...c, ...(clickhouse && { clickhouse: publicTarget(clickhouse) }) };
    },
    getClickHouseTarget(connectorId: string): ClickHouseTarget | undefined {
      const r = getConnector.get(connectorId);
      return r && targetOf(r);
    },
    getConnector(id: string): Connector | undefined {
      const r = getConnector.get(id);
      return r && toConnector(r);
    },
    listConnectors(): Connector[] {
      return allConnectors.all().map(toConnector);
    },
    /** Adds a partner key version; false when the connector already has that version. */
    addPartnerKey(connectorId: string, k: PartnerKey): boolean {
      return insertKey.run(connectorId, k.version, k.publicKey, k.createdAt).changes > 0;
    },
    createConnection(c: Connection): Connection {
      insertConnection.run(
        c.connectionId,
        c.workbookId,
        c.connectorId,
        c.title,
        c.dbName,
        c.datalensKeyVersion,
        c.partnerKeyVersion,
        c.createdAt,
      );
      return c;
    },
    getConnection(id: string): Connection | undefined {
      const r = getConnection.get(id);
      return r && toConnection(r);
    },
    listConnections(workbookId: string): Connection[] {
      return connectionsOf.all(workbookId).map(toConnection);
    },
    connectionsOfConnector(connectorId: string): Connection[] {
      return connectionsOfConnector.all(connectorId).map(toConnection);
    },
  };
}

export type PartnerRepo = ReturnType<typeof partnerRepo>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Statements on a client database (one SQLite file per db_name, as DataLens asks for "a dedicated database
 * for each user"). Names are checked by the caller; they are quoted here anyway.
 */
export const clientDbSql = {
  /** Replaces a table with the given rows; columns come from the rows' keys (none: one placeholder column). */
  replaceTable(db: Db, table: string, columns: string[], rows: DataRow[]): void {
    db.transaction(() => {
      db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
      // No declared types: SQLite keeps each value as given (text stays text, numbers numbers).
      db.exec(`CREATE TABLE ${quote(table)} (${columns.length ? columns.map(quote).join(', ') : '"_empty"'})`);
      if (columns.length === 0) return;
      const insert = db.prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const r of rows) insert.run(...columns.map((c) => r[c] ?? null));
    })();
  },
  /** The client's tables with their row counts. */
  listTables(db: Db): { name: string; rows: number }[] {
    const names = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
    return names.map(({ name }) => ({
      name,
      rows: (db.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number }).n,
    }));
  },
  /** The columns of one table of the main schema, in order; undefined when there is no such table. */
  tableColumns(db: Db, table: string): string[] | undefined {
    const exists = db
      .prepare<[string], { name: string }>("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name = ? AND name NOT LIKE 'sqlite_%'")
      .get(table);
    if (!exists) return undefined;
    return db.prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?, 'main')").all(table).map((r) => r.name);
  },
  /** An empty stand-in table, so that a template chart's SQL compiles before client data exists. */
  createStubTable(db: Db, table: string): void {
    db.exec(`CREATE TABLE ${quote(table)} ("_stub")`);
  },
  addStubColumn(db: Db, table: string, column: string): void {
    db.exec(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote(column)}`);
  },
  /** The query plan of a chart's SQL, read by the read-only check (server/datasources/sqlite.ts). */
  explain(db: Db, sql: string, params: Record<string, unknown>): { opcode: string; p1: number; p2: number; p3: number }[] {
    return db.prepare(`EXPLAIN ${sql}`).all(params) as { opcode: string; p1: number; p2: number; p3: number }[];
  },
};
