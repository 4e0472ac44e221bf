// Partner-connector domain types (docs/fidelity.md, "Partner connector flow").
import type { DashboardTemplate } from './template.js';

/** A version of the emulator's own DataLens key pair (the partner encrypts with its public half). */
export interface DatalensKey {
  version: number;
  /** SPKI PEM, what the partner-connector guide's Python loads with load_pem_public_key. */
  publicKey: string;
  /** PKCS#8 PEM. The emulator's own key: stored, never returned by the API. */
  privateKey: string;
  createdAt: string;
}

/** A version of a partner's public key; several stay valid at once so rotation can be tested. */
export interface PartnerKey {
  version: number;
  publicKey: string;
  createdAt: string;
}

/** A partner connector (connection type): the partner's keys by version, and an optional dashboard. */
export interface Connector {
  connectorId: string;
  title: string;
  partnerKeys: PartnerKey[];
  /** Deployed on every new connection ("DataLens will deploy a standard dashboard"). */
  dashboardTemplate?: DashboardTemplate;
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
