// Partner-connector records as the store keeps them: plain data, with no imports. The partner
// service (server/partner/types.ts) and the library's published seed result (server/seed/result.ts)
// build on them.

/** A version of a partner's public key; several stay valid at once so rotation can be tested. */
export interface PartnerKey {
  version: number;
  publicKey: string;
  createdAt: string;
}

/** A partner connector without its dashboard template and cluster (StoredConnector adds them). */
export interface ConnectorRecord {
  connectorId: string;
  title: string;
  partnerKeys: PartnerKey[];
  /**
   * Free SQL on its connections, named after DataLens's raw_sql_level: 'off' (the default) and
   * 'subselect' refuse `sql` charts, 'dashsql' allows them (server/partner/raw-sql.ts).
   */
  rawSqlLevel: 'off' | 'subselect' | 'dashsql';
  createdAt: string;
}

/** A user's connection: a connector bound to the db_name decrypted from their access token. */
export interface Connection {
  connectionId: string;
  workbookId: string;
  connectorId: string;
  title: string;
  dbName: string;
  /** The key versions the access token named; null when a seed bound the connection directly. */
  datalensKeyVersion: number | null;
  partnerKeyVersion: number | null;
  createdAt: string;
}

/** A version of the emulator's own DataLens key pair (the partner encrypts with its public half). */
export interface DatalensKey {
  version: number;
  /** SPKI PEM, what the partner-connector guide's Python loads with load_pem_public_key. */
  publicKey: string;
  /** PKCS#8 PEM. The emulator's own key: stored, never returned by the API. */
  privateKey: string;
  createdAt: string;
}

/** Where a connector's ClickHouse cluster is and how DataLens logs in (the partner hands over host and password). */
export interface ClickHouseTarget {
  /** The HTTP(S) interface, without credentials, e.g. http://127.0.0.1:8123. */
  url: string;
  username: string;
  password: string;
  /** Per request: connecting, running and reading the answer. */
  timeoutMs: number;
}

/** A connector's cluster as the API shows it: the password is kept in the store and never returned. */
export interface ConnectorClickHouse {
  url: string;
  username: string;
  timeoutMs: number;
  hasPassword: boolean;
}

/**
 * A connector as stored. Its dashboard template is kept as the JSON it was registered with; the
 * partner service checked it against the template schema on the way in and gives it its type
 * (server/partner/types.ts).
 */
export interface StoredConnector extends ConnectorRecord {
  dashboardTemplate?: unknown;
  clickhouse?: ConnectorClickHouse;
}
