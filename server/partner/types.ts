// Partner-connector domain types (docs/fidelity.md, "Partner connector flow").
import type { DashboardTemplate } from './template.js';
import type { StoredConnector } from '../store/partner-records.js';

export type { Connection, ConnectorClickHouse, DatalensKey, PartnerKey } from '../store/partner-records.js';

/** A partner connector (connection type): the partner's keys by version, and an optional dashboard. */
export interface Connector extends StoredConnector {
  /** Deployed on every new connection ("DataLens will deploy a standard dashboard"). */
  dashboardTemplate?: DashboardTemplate;
}
