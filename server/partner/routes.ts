import express, { Router } from 'express';
import { z } from 'zod';
import { id } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import { createConnectorBody, keyVersion, partnerKeyBody } from './connectors.js';
import type { PartnerService } from './service.js';

const addDatalensKeyBody = z.object({ version: keyVersion.optional() }).strict();
const decryptBody = z.object({ connectorId: id, token: z.string({ message: 'must be the access token string' }) }).strict();
const tableBody = z.object({ rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))) }).strict();

/**
 * The DataLens side of partner connectors, under /_mock/partner (docs/partner.md, "Reference"): the DataLens keyring, partner
 * connectors and their key versions, token decryption, and the client databases.
 */
export function partnerRouter(partner: Omit<PartnerService, 'router'>): Router {
  const router = Router();
  router.use(express.json({ limit: '100mb' }));

  router.get('/datalens-keys', async (_req, res) => {
    res.json({ keys: await partner.keyring.list() });
  });
  router.post('/datalens-keys', async (req, res) => {
    const b = parseBody(addDatalensKeyBody, req.body, 'POST /_mock/partner/datalens-keys');
    res.json(await partner.keyring.add(b.version));
  });

  router.get('/connectors', (_req, res) => {
    res.json({ connectors: partner.connectors.list() });
  });
  router.post('/connectors', (req, res) => {
    const b = parseBody(createConnectorBody, req.body, 'POST /_mock/partner/connectors');
    res.json(partner.connectors.create(b));
  });
  router.get('/connectors/:connectorId', (req, res) => {
    res.json(partner.connectors.get(String(req.params.connectorId)));
  });
  router.get('/connectors/:connectorId/audit', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await partner.audit(String(req.params.connectorId)));
  });
  router.post('/connectors/:connectorId/keys', (req, res) => {
    const connectorId = String(req.params.connectorId);
    const b = parseBody(partnerKeyBody, req.body, `POST /_mock/partner/connectors/${connectorId}/keys`);
    res.json({ connectorId, ...partner.connectors.addKey(connectorId, b) });
  });

  router.post('/decrypt', async (req, res) => {
    const b = parseBody(decryptBody, req.body, 'POST /_mock/partner/decrypt');
    const { dbName, datalensKeyVersion, partnerKeyVersion } = await partner.decrypt(b.connectorId, b.token);
    res.json({ dbName, datalensKeyVersion, partnerKeyVersion });
  });

  router.get('/databases/:dbName/tables', (req, res) => {
    const dbName = String(req.params.dbName);
    res.json({ dbName, tables: partner.databases.listTables(dbName) });
  });
  router.put('/databases/:dbName/tables/:table', (req, res) => {
    const dbName = String(req.params.dbName);
    const table = String(req.params.table);
    const b = parseBody(tableBody, req.body, `PUT /_mock/partner/databases/${dbName}/tables/${table}`);
    partner.databases.putTable(dbName, table, b.rows);
    res.json({ dbName, table, rows: b.rows.length });
  });
  return router;
}
