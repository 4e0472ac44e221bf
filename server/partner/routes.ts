import express, { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { id } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import { createConnectorBody, keyVersion, partnerKeyBody } from './connectors.js';
import { UNASSIGNED } from './databases.js';
import type { PartnerService } from './service-api.js';

const addDatalensKeyBody = z.object({ version: keyVersion.optional() }).strict();
const decryptBody = z.object({ connectorId: id, token: z.string({ message: 'must be the access token string' }) }).strict();
const rows = z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])));
const tableBody = z.object({ rows }).strict();
/** The short path's body may name the connector. */
const shortTableBody = z.object({ rows, connectorId: id.optional() }).strict();

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
    res.json(partner.createConnector(b));
  });
  router.get('/connectors/:connectorId', (req, res) => {
    res.json(partner.connectors.get(String(req.params.connectorId)));
  });
  // The audit writes to the partner's cluster (its probe tries CREATE DATABASE), so it is a POST: a
  // GET (a link, an <img>, a prefetch) must change nothing, and POSTs are guarded against other sites.
  router.post('/connectors/:connectorId/audit', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await partner.audit(String(req.params.connectorId)));
  });
  router.get('/connectors/:connectorId/audit', (req, res) => {
    res.set('Allow', 'POST');
    throw new MockError('METHOD_NOT_ALLOWED', {
      message: `GET ${req.baseUrl}${req.path} runs no audit: the audit probes the cluster with a write (CREATE DATABASE, which a right user refuses), so it takes POST.`,
      hint: `POST ${req.baseUrl}${req.path} (curl -X POST …), or the doctor page's ClickHouse form.`,
    });
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

  /** No connector yet: the database waits for the first one, and the answer says `null`. */
  const shown = (owner: string) => (owner === UNASSIGNED ? null : owner);
  // A client database belongs to its connector. The short paths of 0.1.0 name none: they pick the
  // only connector, or the one in the body / query, and refuse when that is ambiguous.
  const listTables = (req: Request, res: Response, connectorId: string | undefined) => {
    const dbName = String(req.params.dbName);
    const route = `GET ${req.baseUrl}${req.path}`;
    const owner = partner.databaseConnector(connectorId, route);
    res.json({ connectorId: shown(owner), dbName, tables: partner.databases.listTables({ connectorId: owner, dbName }) });
  };
  const putTable = (req: Request, res: Response, connectorId: string | undefined) => {
    const dbName = String(req.params.dbName);
    const table = String(req.params.table);
    const route = `PUT ${req.baseUrl}${req.path}`;
    const b = parseBody(connectorId === undefined ? shortTableBody : tableBody, req.body, route);
    const owner = partner.databaseConnector(connectorId ?? (b as z.infer<typeof shortTableBody>).connectorId, route);
    partner.databases.putTable({ connectorId: owner, dbName }, table, b.rows);
    res.json({ connectorId: shown(owner), dbName, table, rows: b.rows.length });
  };
  router.get('/connectors/:connectorId/databases/:dbName/tables', (req, res) => listTables(req, res, String(req.params.connectorId)));
  router.put('/connectors/:connectorId/databases/:dbName/tables/:table', (req, res) => putTable(req, res, String(req.params.connectorId)));
  router.get('/databases/:dbName/tables', (req, res) => {
    const q = req.query.connectorId;
    listTables(req, res, typeof q === 'string' && q !== '' ? q : undefined);
  });
  router.put('/databases/:dbName/tables/:table', (req, res) => putTable(req, res, undefined));
  return router;
}
