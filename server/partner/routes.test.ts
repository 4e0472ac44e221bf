import { generateKeyPairSync } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { errorMiddleware } from '../routes/errors.js';
import type { MockApp } from '../server.js';
import { IDS, makeApp, tokenFor } from '../testing/fixtures.js';
import { mintAccessToken, mintAccessTokenFromPlaintext } from './mint.js';
import { partnerRpcMethods } from './rpc.js';
import { createPartnerService, type PartnerService } from './service.js';
import { auditClickHouse } from '../doctor/clickhouse/audit.js';

/** The seeded test app with partner connectors wired in (as server.ts does once it mounts them). */
async function partnerApp(): Promise<{ mock: MockApp; partner: PartnerService; app: express.Express }> {
  const mock = await makeApp();
  if (mock.ctx.partner) return { mock, partner: mock.ctx.partner, app: mock.app };
  const partner = createPartnerService(mock.ctx, auditClickHouse);
  mock.ctx.partner = partner;
  Object.assign(mock.ctx.rpcMethods, partnerRpcMethods);
  const app = express();
  app.use('/_mock/partner', partner.router);
  app.use(createApp(mock.ctx));
  app.use(errorMiddleware(() => undefined));
  return { mock, partner, app };
}

const pem = (k: { export(o: object): string | Buffer }, type: 'spki' | 'pkcs8') => k.export({ type, format: 'pem' }).toString();
const partnerPair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const rotatedPair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });

let mock: MockApp;
let partner: PartnerService;
let app: express.Express;
let datalensPublicKey: string;
let connectorId: string;
const api = () => request(app);
const rpc = (method: string, body: object) => api().post(`/rpc/${method}`).send(body);
const token = (db: string, o: { partner?: string; pv?: string } = {}) =>
  mintAccessToken({ datalensPublicKey, partnerPrivateKey: o.partner ?? pem(partnerPair.privateKey, 'pkcs8'), dbName: db, partnerKeyVersion: o.pv });

beforeAll(async () => {
  ({ mock, partner, app } = await partnerApp());
  const keys = await api().get('/_mock/partner/datalens-keys');
  datalensPublicKey = keys.body.keys[0].publicKey;
  const created = await api()
    .post('/_mock/partner/connectors')
    // Free SQL on: the SQLite isolation tests below run hostile SQL through it.
    .send({ title: 'Shop analytics', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'dashsql' });
  connectorId = created.body.connectorId;
});
afterAll(() => mock.close());

describe('DataLens keyring', () => {
  it('lists version 1, an RSA-2048 SPKI public key, and never a private key', async () => {
    const res = await api().get('/_mock/partner/datalens-keys');
    expect(res.status).toBe(200);
    expect(res.body.keys[0]).toMatchObject({ version: 1, publicKey: expect.stringContaining('-----BEGIN PUBLIC KEY-----') });
    expect(JSON.stringify(res.body)).not.toMatch(/PRIVATE/);
  });

  it('adds versions, and refuses to replace one', async () => {
    const added = await api().post('/_mock/partner/datalens-keys').send({});
    expect(added.status).toBe(200);
    expect(added.body.version).toBe(2);
    const again = await api().post('/_mock/partner/datalens-keys').send({ version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PARTNER_KEY_VERSION_EXISTS');
    const listed = await api().get('/_mock/partner/datalens-keys');
    expect(listed.body.keys.map((k: { version: number }) => k.version)).toEqual([1, 2]);
  });
});

describe('connectors', () => {
  it('registers a connector with a 13-character id and its partner keys by version', async () => {
    expect(connectorId).toMatch(/^[0-9a-z]{13}$/);
    const res = await api().get(`/_mock/partner/connectors/${connectorId}`);
    expect(res.body).toMatchObject({ connectorId, title: 'Shop analytics', partnerKeys: [{ version: 1 }] });
  });

  it('adds a partner key version for rotation; both versions stay valid', async () => {
    const res = await api().post(`/_mock/partner/connectors/${connectorId}/keys`).send({ version: 2, publicKey: pem(rotatedPair.publicKey, 'spki') });
    expect(res.status).toBe(200);
    const dup = await api().post(`/_mock/partner/connectors/${connectorId}/keys`).send({ version: 2, publicKey: pem(rotatedPair.publicKey, 'spki') });
    expect(dup.body.code).toBe('PARTNER_KEY_VERSION_EXISTS');
    for (const [pv, key] of [['1', partnerPair], ['2', rotatedPair]] as const) {
      const d = await api().post('/_mock/partner/decrypt').send({ connectorId, token: token('client_rot', { partner: pem(key.privateKey, 'pkcs8'), pv }) });
      expect(d.body).toEqual({ dbName: 'client_rot', datalensKeyVersion: 1, partnerKeyVersion: Number(pv) });
    }
  });

  it.each([
    ['a private key as publicKey', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.privateKey, 'pkcs8') }] }), 'INVALID_PUBLIC_KEY'],
    ['no keys', () => ({ title: 'x', partnerKeys: [] }), 'INVALID_BODY'],
    ['a version given twice', () => ({ title: 'x', partnerKeys: [1, 1].map((version) => ({ version, publicKey: pem(partnerPair.publicKey, 'spki') })) }), 'INVALID_BODY'],
    ['a template chart that writes', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'dashsql', dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', sql: 'DELETE FROM sales' }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'PARTNER_SQL_FORBIDDEN'],
    ['a free-SQL template chart with rawSqlLevel off (the default)', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', sql: 'SELECT 1' }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'PARTNER_RAW_SQL_OFF'],
    ['a free-SQL template chart with rawSqlLevel subselect', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'subselect', dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', sql: 'SELECT 1' }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'PARTNER_RAW_SQL_OFF'],
    ['an unknown rawSqlLevel', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'on' }), 'INVALID_BODY'],
    ['a template chart with both sql and query', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'dashsql', dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', sql: 'SELECT 1', query: { table: 't', columns: ['a'] } }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'INVALID_BODY'],
    ['a template chart with neither sql nor query', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C' }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'INVALID_BODY'],
    ['a structured template chart ordered by a column it does not show', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', query: { table: 't', columns: ['a'], orderBy: [{ column: 'b' }] } }], tabs: [{ id: 't', title: 'T', items: [] }] } }), 'PARTNER_QUERY_INVALID'],
    ['a template tab naming a chart it lacks', () => ({ title: 'x', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], dashboardTemplate: { title: 'D', charts: [{ key: 'c', title: 'C', query: { table: 't', columns: ['a'] } }], tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'nope' }] }] } }), 'INVALID_BODY'],
  ])('refuses %s', async (_name, body, code) => {
    const res = await api().post('/_mock/partner/connectors').send(body());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
  });

  it('answers 404 PARTNER_CONNECTOR_NOT_FOUND for an unknown connector', async () => {
    const res = await api().post('/_mock/partner/decrypt').send({ connectorId: 'zzzzzzzzzzzzz', token: token('x') });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('PARTNER_CONNECTOR_NOT_FOUND');
  });
});

describe('POST /_mock/partner/decrypt', () => {
  const swap = (t: string) => {
    const [a, b, ...rest] = t.split(':');
    return [b, a, ...rest].join(':');
  };
  const flip = (t: string, part: 2 | 3) => {
    const parts = t.split(':');
    const bytes = Buffer.from(parts[part], 'base64');
    bytes[7] ^= 0x40;
    parts[part] = bytes.toString('base64');
    return parts.join(':');
  };
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rows: [string, () => string, string][] = [
    ['tampered ciphertext', () => flip(token('client_1'), 2), 'PARTNER_SIGNATURE_INVALID'],
    ['tampered signature', () => flip(token('client_1'), 3), 'PARTNER_SIGNATURE_INVALID'],
    ['a signature by another key', () => token('client_1', { partner: pem(other.privateKey, 'pkcs8') }), 'PARTNER_SIGNATURE_INVALID'],
    // DataLens keys 1 and 2 and partner keys 1 and 2 all exist here, so the swap is caught by the signature.
    ['swapped versions', () => swap(token('client_1', { partner: pem(rotatedPair.privateKey, 'pkcs8'), pv: '2' })), 'PARTNER_KEY_VERSION_MISMATCH'],
    ['a wrong partner key version', () => token('client_1', { partner: pem(rotatedPair.privateKey, 'pkcs8'), pv: '1' }), 'PARTNER_KEY_VERSION_MISMATCH'],
    ['a version no key has', () => token('client_1', { pv: '42' }), 'PARTNER_UNKNOWN_PARTNER_KEY_VERSION'],
    ['an unknown DataLens key version', () => mintAccessToken({ datalensPublicKey, partnerPrivateKey: partnerPair.privateKey, dbName: 'x', datalensKeyVersion: '9' }), 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION'],
    ['a payload that is not JSON', () => mintAccessTokenFromPlaintext({ datalensPublicKey, partnerPrivateKey: partnerPair.privateKey, plaintext: Buffer.from('client_1') }), 'PARTNER_DECRYPT_FAILED'],
    ['a payload without db_name', () => mintAccessTokenFromPlaintext({ datalensPublicKey, partnerPrivateKey: partnerPair.privateKey, plaintext: Buffer.from('{"name": "client_1"}') }), 'PARTNER_DECRYPT_FAILED'],
    ['base64 garbage', () => '1:1:this is not base64:@@@', 'PARTNER_TOKEN_MALFORMED'],
    ['an empty token', () => '', 'PARTNER_TOKEN_MALFORMED'],
  ];
  it.each(rows)('rejects %s with its own 4xx code, never a 5xx', async (_name, make, code) => {
    const res = await api().post('/_mock/partner/decrypt').send({ connectorId, token: make() });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ code, message: expect.any(String), hint: expect.any(String) });
  });

  it('refuses a body without a token as INVALID_BODY', async () => {
    const res = await api().post('/_mock/partner/decrypt').send({ connectorId });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_BODY');
  });
});

describe('partner.inspect (the doctor with the emulator keys)', () => {
  it('finds the connector by the signature and decrypts a good token', async () => {
    const r = await partner.inspect(token('client_7'));
    expect(r).toMatchObject({ connectorId, signature: 'valid', dbName: 'client_7', findings: [] });
  });

  it('checks against a given connector, and never decrypts a token no connector signed', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = token('client_7', { partner: pem(other.privateKey, 'pkcs8') });
    const given = await partner.inspect(forged, connectorId);
    expect(given.findings.map((f) => f.code)).toEqual(['PARTNER_SIGNATURE_INVALID']);
    const found = await partner.inspect(forged);
    expect(found.connectorId).toBeUndefined();
    expect(found.payload).toBeUndefined();
    expect(found.findings.map((f) => f.code)).toEqual(['PARTNER_SIGNATURE_INVALID']);
    expect((await partner.inspect('nope')).findings.map((f) => f.code)).toEqual(['PARTNER_TOKEN_MALFORMED']);
  });
});

describe('createConnection, client databases and isolation', () => {
  let templated: string;
  beforeAll(async () => {
    for (const [db, owner, amount] of [['client_a', 'A', 10], ['client_b', 'B', 999]] as const) {
      const put = await api().put(`/_mock/partner/databases/${db}/tables/sales`).send({ rows: [{ region: 'North', owner, amount }] });
      // The short path of 0.1.0: the only connector's database.
      expect(put.body).toEqual({ connectorId, dbName: db, table: 'sales', rows: 1 });
    }
    await api().put('/_mock/partner/databases/client_b/tables/secrets_b').send({ rows: [{ secret: 'B-only' }] });
    const res = await api()
      .post('/_mock/partner/connectors')
      .send({
        title: 'With a dashboard',
        partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }],
        dashboardTemplate: {
          title: 'Sales',
          charts: [
            {
              key: 'byRegion',
              title: 'By region',
              visualization: 'bar',
              query: { table: 'sales', columns: ['region', { column: 'amount', aggregation: 'sum' }], filters: [{ column: 'region', param: 'region' }] },
            },
          ],
          settings: { globalParams: { region: '' } },
          tabs: [
            {
              id: 't1',
              title: 'Overview',
              items: [
                { id: 'sel', type: 'control', sourceType: 'dataset', param: 'region', chartId: 'byRegion' },
                { id: 'w1', type: 'widget', chartId: 'byRegion' },
              ],
            },
          ],
        },
      });
    templated = res.body.connectorId;
  });

  it('binds a connection to the db_name of the token', async () => {
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId, token: token('client_a') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connectionId: expect.stringMatching(/^[0-9a-z]{13}$/), dbName: 'client_a', workbookId: IDS.workbook });
    expect(res.body.dashboardEntryId).toBeUndefined();
    const got = await rpc('getConnection', { connectionId: res.body.connectionId });
    expect(got.body).toMatchObject({ dbName: 'client_a', connectorId, datalensKeyVersion: 1, partnerKeyVersion: 1 });
    const listed = await rpc('listConnections', { workbookId: IDS.workbook });
    expect(listed.body.connections.map((c: { connectionId: string }) => c.connectionId)).toContain(res.body.connectionId);
  });

  it("deploys the connector's dashboard template on the new connection", async () => {
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: templated, token: token('client_a'), title: 'A' });
    expect(res.body).toMatchObject({ title: 'A', dashboardEntryId: expect.any(String), chartEntryIds: { byRegion: expect.any(String) } });
    const chart = await rpc('getEntry', { entryId: res.body.chartEntryIds.byRegion });
    expect(chart.body).toMatchObject({ scope: 'widget', workbookId: IDS.workbook, data: { connectionId: res.body.connectionId, visualization: 'bar' } });
    const dash = await rpc('getEntry', { entryId: res.body.dashboardEntryId });
    expect(dash.body.data.tabs[0].items.map((i: { chartId: string }) => i.chartId)).toEqual([res.body.chartEntryIds.byRegion, res.body.chartEntryIds.byRegion]);
  });

  it.each([
    ['another type', { type: 'clickhouse' }, 400, 'INVALID_BODY'],
    ['an unknown workbook', { workbookId: 'zzzzzzzzzzzzz' }, 404, 'WORKBOOK_NOT_EXISTS'],
    ['an unknown connector', { connectorId: 'zzzzzzzzzzzzz' }, 404, 'PARTNER_CONNECTOR_NOT_FOUND'],
    ['a tampered token', { token: '1:1:AAAA:AAAA' }, 403, 'PARTNER_SIGNATURE_INVALID'],
  ])('refuses %s', async (_name, patch, status, code) => {
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId, token: token('client_a'), ...patch });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  /** A chart on a connection, embedded: what an embedded dashboard's chart reads through /api/run. */
  async function runChart(db: string, sql: string) {
    const conn = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId, token: token(db) });
    const chart = await rpc('createChart', { workbookId: IDS.workbook, title: 'c', sql, connectionId: conn.body.connectionId });
    const embed = await rpc('createEmbed', { title: 'e', embeddingSecretId: IDS.secret, entryId: chart.body.entryId });
    return api().post('/api/run').set('x-dl-embed-token', await tokenFor(embed.body.embedId)).send({});
  }

  it("a chart on client A's connection returns A's rows", async () => {
    const res = await runChart('client_a', 'SELECT owner, amount FROM sales');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ columns: ['owner', 'amount'], rows: [['A', 10]] });
  });

  it.each([
    ["B's table by name", 'SELECT * FROM secrets_b'],
    ["B's database by name", 'SELECT * FROM client_b.sales'],
    ["ATTACH of B's file", "ATTACH DATABASE 'client_b.sqlite' AS b"],
    ['a write', 'DELETE FROM sales'],
  ])("a chart on client A's connection never returns B's rows: %s", async (_name, sql) => {
    const res = await runChart('client_a', sql);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(/B-only|999/);
    const still = await runChart('client_b', 'SELECT owner, amount FROM sales');
    expect(still.body.data.rows).toEqual([['B', 999]]);
  });

  /** A structured chart on a connection, embedded. */
  async function runStructuredChart(connector: string, db: string, query: object, params: object = {}) {
    const conn = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: connector, token: token(db) });
    const chart = await rpc('createChart', { workbookId: IDS.workbook, title: 'c', query, connectionId: conn.body.connectionId });
    expect(chart.status, JSON.stringify(chart.body)).toBe(200);
    const embed = await rpc('createEmbed', { title: 'e', embeddingSecretId: IDS.secret, entryId: chart.body.entryId, publicParamsMode: true, unsignedParams: ['region'] });
    return api().post('/api/run').set('x-dl-embed-token', await tokenFor(embed.body.embedId)).send({ params });
  }

  it("a structured chart on client A's SQLite database runs with its filter bound; free SQL is refused on a connector with it off", async () => {
    const res = await runStructuredChart(connectorId, 'client_a', { table: 'sales', columns: ['owner', { column: 'amount', aggregation: 'sum', as: 'total' }], filters: [{ column: 'region', param: 'region' }] }, { region: ['North'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual({ columns: ['owner', 'total'], rows: [['A', 10]] });
    const none = await runStructuredChart(connectorId, 'client_a', { table: 'sales', columns: ['owner'], filters: [{ column: 'region', param: 'region' }] }, { region: "South' OR 1=1 --" });
    expect(none.body.data.rows).toEqual([]);
    const free = await rpc('createChart', { workbookId: IDS.workbook, title: 'raw', sql: 'SELECT 1', connectionId: (await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: templated, token: token('client_a') })).body.connectionId });
    expect(free.body).toMatchObject({ code: 'PARTNER_RAW_SQL_OFF', field: 'sql' });
  });

  it.each([
    ["B's table", { table: 'secrets_b', columns: ['secret'] }],
    ["B's database by name", { table: 'client_b.sales', columns: ['owner'] }],
    ['a column A lacks', { table: 'sales', columns: ['secret'] }],
    ["SQLite's own schema", { table: 'sqlite_schema', columns: ['sql'] }],
    ['a filter on a column A lacks', { table: 'sales', columns: ['owner'], filters: [{ column: 'secret', param: 'region' }] }],
  ])("a structured chart on client A's connection names what A lacks: %s → PARTNER_QUERY_INVALID", async (_name, query) => {
    const res = await runStructuredChart(connectorId, 'client_a', query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('PARTNER_QUERY_INVALID');
    expect(JSON.stringify(res.body)).not.toMatch(/B-only|999/);
  });

  it('lists the tables of a client database of a connector', async () => {
    const res = await api().get(`/_mock/partner/connectors/${connectorId}/databases/client_b/tables`);
    expect(res.body).toEqual({ connectorId, dbName: 'client_b', tables: [{ name: 'sales', rows: 1 }, { name: 'secrets_b', rows: 1 }] });
    const short = await api().get('/_mock/partner/databases/client_b/tables').query({ connectorId });
    expect(short.body).toEqual(res.body);
  });

  it('refuses the short path once two connectors exist, naming the fix; takes the connector from the body', async () => {
    const put = await api().put('/_mock/partner/databases/client_z/tables/t').send({ rows: [{ a: 1 }] });
    expect(put.status).toBe(400);
    expect(put.body).toMatchObject({ code: 'PARTNER_DATABASE_CONNECTOR_REQUIRED', field: 'connectorId' });
    expect(put.body.hint).toContain('/_mock/partner/connectors/<connectorId>/databases/');
    expect((await api().get('/_mock/partner/databases/client_z/tables')).body.code).toBe('PARTNER_DATABASE_CONNECTOR_REQUIRED');
    const named = await api().put('/_mock/partner/databases/client_z/tables/t').send({ connectorId: templated, rows: [{ a: 1 }] });
    expect(named.body).toEqual({ connectorId: templated, dbName: 'client_z', table: 't', rows: 1 });
    const unknown = await api().put('/_mock/partner/connectors/zzzzzzzzzzzzz/databases/client_z/tables/t').send({ rows: [{ a: 1 }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PARTNER_CONNECTOR_NOT_FOUND');
  });

  it("two connectors with the same db_name do not see each other's rows", async () => {
    const other = (
      await api()
        .post('/_mock/partner/connectors')
        .send({ title: 'Another partner', partnerKeys: [{ version: 1, publicKey: pem(partnerPair.publicKey, 'spki') }], rawSqlLevel: 'dashsql' })
    ).body.connectorId as string;
    const put = await api().put(`/_mock/partner/connectors/${other}/databases/client_a/tables/sales`).send({ rows: [{ region: 'North', owner: 'OTHER', amount: 1 }] });
    expect(put.body).toEqual({ connectorId: other, dbName: 'client_a', table: 'sales', rows: 1 });
    const run = async (c: string) => {
      const conn = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: token('client_a') });
      const chart = await rpc('createChart', { workbookId: IDS.workbook, title: 'c', sql: 'SELECT owner, amount FROM sales', connectionId: conn.body.connectionId });
      const embed = await rpc('createEmbed', { title: 'e', embeddingSecretId: IDS.secret, entryId: chart.body.entryId });
      return (await api().post('/api/run').set('x-dl-embed-token', await tokenFor(embed.body.embedId)).send({})).body.data.rows;
    };
    expect(await run(other)).toEqual([['OTHER', 1]]);
    expect(await run(connectorId)).toEqual([['A', 10]]);
    // The templated connector's client_a was never loaded: empty, not the others' rows.
    expect((await api().get(`/_mock/partner/connectors/${templated}/databases/client_a/tables`)).body.tables).toEqual([]);
  });

  it('refuses a bad database or table name, and rows that are not a table', async () => {
    const path = `/_mock/partner/connectors/${connectorId}/databases`;
    expect((await api().put(`${path}/a.b/tables/t`).send({ rows: [{ a: 1 }] })).body.code).toBe('INVALID_BODY');
    expect((await api().put(`${path}/db/tables/t;drop`).send({ rows: [{ a: 1 }] })).body.code).toBe('INVALID_BODY');
    expect((await api().put(`${path}/db/tables/t`).send({ rows: [{ a: { nested: 1 } }] })).body.code).toBe('INVALID_BODY');
  });

  it('reset() drops client databases and keeps DataLens key version 1', async () => {
    mock.ctx.store.reset();
    partner.reset();
    const keys = await api().get('/_mock/partner/datalens-keys');
    expect(keys.body.keys).toEqual([expect.objectContaining({ version: 1, publicKey: datalensPublicKey })]);
    expect(partner.databases.listTables({ connectorId, dbName: 'client_a' })).toEqual([]);
  });
});

describe('a client database loaded before any connector exists (the order 0.1.0 allowed)', () => {
  it('waits for the first connector, which adopts it; a second connector does not see it', async () => {
    const fresh = await makeApp();
    try {
      const api = () => request(fresh.app);
      const put = await api().put('/_mock/partner/databases/client_early/tables/t').send({ rows: [{ who: 'early' }] });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ connectorId: null, dbName: 'client_early', table: 't', rows: 1 });
      const publicKey = pem(partnerPair.publicKey, 'spki');
      const first = (await api().post('/_mock/partner/connectors').send({ title: 'First', partnerKeys: [{ version: 1, publicKey }] })).body.connectorId;
      const second = (await api().post('/_mock/partner/connectors').send({ title: 'Second', partnerKeys: [{ version: 1, publicKey }] })).body.connectorId;
      expect((await api().get(`/_mock/partner/connectors/${first}/databases/client_early/tables`)).body.tables).toEqual([{ name: 't', rows: 1 }]);
      expect((await api().get(`/_mock/partner/connectors/${second}/databases/client_early/tables`)).body.tables).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
