// Partner-connector domain types (seed 000 "Offering a custom partner connector").
import type { DashboardTemplate } from './template.js';
import type { ConnectorRecord } from './records.js';

export type { Connection, PartnerKey } from './records.js';

/** A version of the emulator's own DataLens key pair (the partner encrypts with its public half). */
export interface DatalensKey {
  version: number;
  /** SPKI PEM, what the seed's Python loads with load_pem_public_key. */
  publicKey: string;
  /** PKCS#8 PEM. The emulator's own key: stored, never returned by the API. */
  privateKey: string;
  createdAt: string;
}

/** A partner connector (connection type): the partner's keys by version, and an optional dashboard. */
export interface Connector extends ConnectorRecord {
  /** Deployed on every new connection ("DataLens will deploy a standard dashboard"). */
  dashboardTemplate?: DashboardTemplate;
}
