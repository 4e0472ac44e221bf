import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, makeApp } from '../testing/fixtures.js';
import { applyPartnerSeed, partnerSeed } from './seed.js';
import { createPartnerService, type PartnerService } from './service.js';
import { auditClickHouse } from '../doctor/clickhouse/audit.js';

const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

let mock: MockApp;
let partner: PartnerService;
beforeAll(async () => {
  mock = await makeApp();
  partner = mock.ctx.partner ?? createPartnerService(mock.ctx, auditClickHouse);
});
afterAll(() => mock.close());

describe('the partner section of a seed file', () => {
  it('creates connectors, client tables and connections bound to a db_name, resolving seed keys', async () => {
    const seed = partnerSeed.parse({
      connectors: [
        {
          key: 'shop',
          connectorId: 'shopconnector',
          title: 'Shop',
          partnerKeys: [{ version: 1, publicKey }],
          dashboardTemplate: {
            title: 'Sales',
            charts: [{ key: 'c', title: 'All', query: { table: 'sales', columns: ['region'] } }],
            tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'c' }] }],
          },
        },
      ],
      databases: { client_1: { sales: [{ region: 'North', amount: 1 }] }, client_2: { sales: [{ region: 'South', amount: 2 }] } },
      connections: [
        { key: 'one', connectionId: 'connection001', workbook: 'wb', connector: 'shop', dbName: 'client_1' },
        { workbook: IDS.workbook, connector: 'shopconnector', dbName: 'client_2', title: 'Two' },
      ],
    });
    const result = applyPartnerSeed(partner, seed, { wb: IDS.workbook });
    expect(result.connectors.shop.connectorId).toBe('shopconnector');
    expect(result.connections.one).toMatchObject({ connectionId: 'connection001', dbName: 'client_1', datalensKeyVersion: null });
    expect(result.connections.one.dashboardEntryId).toMatch(/^[0-9a-z]{13}$/);
    const second = Object.values(result.connections).find((c) => c.dbName === 'client_2')!;
    expect(second.title).toBe('Two');
    const q = { table: 'sales', columns: ['region'] };
    expect((await partner.runner('connection001').runQuery(q, {})).rows).toEqual([['North']]);
    expect((await partner.runner(second.connectionId).runQuery(q, {})).rows).toEqual([['South']]);
    await expect(partner.runner('connection001').run('SELECT region FROM sales', {})).rejects.toMatchObject({ reason: 'PARTNER_RAW_SQL_OFF' });
  });

  it("keeps each connector's databases its own: the same db_name under two connectors is two databases", async () => {
    const seed = partnerSeed.parse({
      connectors: [
        { key: 'a', connectorId: 'partnerseeda1', title: 'A', partnerKeys: [{ version: 1, publicKey }], databases: { client_acme: { t: [{ who: 'a' }] } } },
        { key: 'b', connectorId: 'partnerseedb2', title: 'B', partnerKeys: [{ version: 1, publicKey }], databases: { client_acme: { t: [{ who: 'b' }] } } },
      ],
      connections: [
        { key: 'ca', workbook: IDS.workbook, connector: 'a', dbName: 'client_acme' },
        { key: 'cb', workbook: IDS.workbook, connector: 'b', dbName: 'client_acme' },
      ],
    });
    const result = applyPartnerSeed(partner, seed);
    const q = { table: 't', columns: ['who'] };
    expect((await partner.runner(result.connections.ca.connectionId).runQuery(q, {})).rows).toEqual([['a']]);
    expect((await partner.runner(result.connections.cb.connectionId).runQuery(q, {})).rows).toEqual([['b']]);
  });

  it('refuses section-level databases when the seed has several connectors (they would belong to none)', () => {
    const seed = partnerSeed.parse({
      connectors: [
        { title: 'A', partnerKeys: [{ version: 1, publicKey }] },
        { title: 'B', partnerKeys: [{ version: 1, publicKey }] },
      ],
      databases: { client_1: { t: [{ a: 1 }] } },
    });
    expect(() => applyPartnerSeed(partner, seed)).toThrow(expect.objectContaining({ reason: 'PARTNER_DATABASE_CONNECTOR_REQUIRED', field: 'databases' }));
  });

  it('refuses unknown fields and a connection to an unknown connector', () => {
    expect(partnerSeed.safeParse({ connectors: [], extra: 1 }).success).toBe(false);
    const seed = partnerSeed.parse({ connections: [{ workbook: IDS.workbook, connector: 'nope', dbName: 'x' }] });
    expect(() => applyPartnerSeed(partner, seed)).toThrow(expect.objectContaining({ reason: 'PARTNER_CONNECTOR_NOT_FOUND' }));
  });

  it('a query on an unknown connection is PARTNER_CONNECTION_NOT_FOUND', () => {
    expect(() => partner.runner('zzzzzzzzzzzzz')).toThrow(expect.objectContaining({ reason: 'PARTNER_CONNECTION_NOT_FOUND', status: 404 }));
  });
});
