import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { id } from '../rpc/schemas.js';
import { createConnectorBody } from './connectors.js';
import type { CreatedConnection } from './connections.js';
import type { PartnerService } from './service.js';
import type { Connector } from './types.js';

const cell = z.union([z.string(), z.number(), z.null()]);
/** db_name → table → rows. */
const clientDatabases = z.record(z.string(), z.record(z.string(), z.array(z.record(z.string(), cell))));

/**
 * The `partner` section of a seed file: connectors with their client databases (db_name → table →
 * rows), and connections bound directly to a db_name (a seed has no access token to decrypt). A
 * client database belongs to its connector; the section-level `databases` of 0.1.0 is read as the
 * databases of the seed's only connector, and refused when the seed has several.
 */
export const partnerSeed = z
  .object({
    connectors: z.array(createConnectorBody.extend({ key: z.string().min(1).optional(), databases: clientDatabases.optional() })).default([]),
    databases: clientDatabases.default({}),
    connections: z
      .array(
        z
          .object({
            key: z.string().min(1).optional(),
            connectionId: id.optional(),
            /** A workbook's seed key or ID. */
            workbook: z.string().min(1),
            /** A connector's seed key or ID. */
            connector: z.string().min(1),
            dbName: z.string().min(1),
            title: z.string().min(1).max(512).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type PartnerSeed = z.infer<typeof partnerSeed>;

export interface PartnerSeedResult {
  connectors: Record<string, Connector>;
  connections: Record<string, CreatedConnection>;
}

/**
 * Applies a parsed `partner` seed section. `workbookIds` maps the seed's workbook keys to IDs (an
 * unknown name is used as an ID). Errors are the catalogued ones of the matching route.
 */
export function applyPartnerSeed(partner: PartnerService, seed: PartnerSeed, workbookIds: Record<string, string> = {}): PartnerSeedResult {
  const result: PartnerSeedResult = { connectors: {}, connections: {} };
  const connectorIds: Record<string, string> = {};
  const owned: [string, NonNullable<PartnerSeed['databases']>][] = [];
  for (const { key, databases, ...body } of seed.connectors) {
    // A fixed connectorId already in the data dir (a restart with the same seed) is reused as is.
    const existing = body.connectorId ? partner.connectors.find(body.connectorId) : undefined;
    const c = existing ?? partner.createConnector(body);
    if (key) connectorIds[key] = c.connectorId;
    result.connectors[key ?? c.connectorId] = c;
    if (databases) owned.push([c.connectorId, databases]);
  }
  if (Object.keys(seed.databases).length > 0) {
    if (seed.connectors.length !== 1) {
      throw new MockError('PARTNER_DATABASE_CONNECTOR_REQUIRED', {
        field: 'databases',
        message: `partner.databases names no connector, and the seed has ${seed.connectors.length} connectors: put each client database under its connector (partner.connectors[].databases).`,
      });
    }
    owned.push([Object.values(result.connectors)[0].connectorId, seed.databases]);
  }
  for (const [connectorId, databases] of owned) {
    for (const [dbName, tables] of Object.entries(databases)) {
      for (const [table, rows] of Object.entries(tables)) partner.databases.putTable({ connectorId, dbName }, table, rows);
    }
  }
  for (const { key, workbook, connector, ...rest } of seed.connections) {
    const c = partner.bindConnection({ ...rest, workbookId: workbookIds[workbook] ?? workbook, connectorId: connectorIds[connector] ?? connector });
    result.connections[key ?? c.connectionId] = c;
  }
  return result;
}
