// Partner-connector records as plain data, with no imports: the library's published seed result
// (server/seed/result.ts) uses them without pulling in the partner service's types.

/** A version of a partner's public key; several stay valid at once so rotation can be tested. */
export interface PartnerKey {
  version: number;
  publicKey: string;
  createdAt: string;
}

/** A partner connector without its dashboard template (types.ts adds it). */
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
