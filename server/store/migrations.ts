/**
 * The schema, as an ordered list of migrations. `PRAGMA user_version` records how many have run.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: string[] = [
  // 1: embedding core (DataLens US's embeds and embedding_secrets tables)
  `
  CREATE TABLE workbooks (
    workbook_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE embedding_secrets (
    embedding_secret_id TEXT PRIMARY KEY,
    workbook_id TEXT NOT NULL REFERENCES workbooks(workbook_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE entries (
    entry_id TEXT PRIMARY KEY,
    workbook_id TEXT NOT NULL REFERENCES workbooks(workbook_id) ON DELETE CASCADE,
    scope TEXT NOT NULL CHECK (scope IN ('widget', 'dash')),
    title TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE embeds (
    embed_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    embedding_secret_id TEXT NOT NULL REFERENCES embedding_secrets(embedding_secret_id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(entry_id) ON DELETE CASCADE,
    deps_ids TEXT NOT NULL DEFAULT '[]',
    unsigned_params TEXT NOT NULL DEFAULT '[]',
    private_params TEXT NOT NULL DEFAULT '[]',
    public_params_mode INTEGER NOT NULL DEFAULT 1,
    settings TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX embeds_entry ON embeds(entry_id);
  CREATE INDEX embeds_secret ON embeds(embedding_secret_id);
  CREATE INDEX secrets_workbook ON embedding_secrets(workbook_id);
  CREATE INDEX entries_workbook ON entries(workbook_id);
  CREATE TABLE datasource_tables (
    name TEXT PRIMARY KEY,
    rows TEXT NOT NULL
  );
  `,
  // 2: partner connectors: the emulator's own DataLens keyring (private keys included:
  // they are the emulator's keys), partner keys by version, and connections bound to a db_name.
  `
  CREATE TABLE datalens_keys (
    version INTEGER PRIMARY KEY,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE connectors (
    connector_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    dashboard_template TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE connector_keys (
    connector_id TEXT NOT NULL REFERENCES connectors(connector_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (connector_id, version)
  );
  CREATE TABLE connections (
    connection_id TEXT PRIMARY KEY,
    workbook_id TEXT NOT NULL REFERENCES workbooks(workbook_id) ON DELETE CASCADE,
    connector_id TEXT NOT NULL REFERENCES connectors(connector_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    db_name TEXT NOT NULL,
    datalens_key_version INTEGER,
    partner_key_version INTEGER,
    created_at TEXT NOT NULL
  );
  CREATE INDEX connections_workbook ON connections(workbook_id);
  `,
  // 3: a connector's ClickHouse cluster ({url, username, password, timeoutMs} as JSON; NULL: the
  // embedded SQLite client databases serve its connections).
  `
  ALTER TABLE connectors ADD COLUMN clickhouse TEXT;
  CREATE INDEX connections_connector ON connections(connector_id);
  `,
  // 4: free SQL on a connector's connections, named after DataLens's raw_sql_level ('off' unless
  // the partner enables it; connectors stored before it existed get the default too).
  `
  ALTER TABLE connectors ADD COLUMN raw_sql_level TEXT NOT NULL DEFAULT 'off';
  `,
];
