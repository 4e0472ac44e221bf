// Partner-connector domain types (docs/fidelity.md, "Partner connector flow").
import type { DashboardTemplate } from './template.js';
import type { ConnectorRecord } from './records.js';

export type { Connection, PartnerKey } from './records.js';

/** A version of the emulator's own DataLens key pair (the partner encrypts with its public half). */
export interface DatalensKey {
  version: number;
  /** SPKI PEM, what the partner-connector guide's Python loads with load_pem_public_key. */
  publicKey: string;
  /** PKCS#8 PEM. The emulator's own key: stored, never returned by the API. */
  privateKey: string;
  createdAt: string;
}

/** A partner connector (connection type): the partner's keys by version, and an optional dashboard. */
export interface Connector extends ConnectorRecord {
  /** Deployed on every new connection ("DataLens will deploy a standard dashboard"). */
  dashboardTemplate?: DashboardTemplate;
  /** The partner's ClickHouse cluster; without it, the embedded SQLite client databases serve. */
  clickhouse?: ConnectorClickHouse;
}

/** A connector's cluster as the API shows it: the password is kept in the store and never returned. */
export interface ConnectorClickHouse {
  url: string;
  username: string;
  timeoutMs: number;
  hasPassword: boolean;
}
