// ClickHouse connectors end to end in the emulator, on a real server: a token minted by the
// guide's Python code makes a connection to client_a; its charts and template dashboard show
// client_a's rows only; a missing database, a down, slow or failing cluster give clear errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { CH_USERS, startClickHouse, type TestClickHouse } from '../testing/clickhouse.js';
import { IDS, makeApp, tokenFor } from '../testing/fixtures.js';
import { pythonPartner, type PythonPartner } from '../testing/python-partner.js';

const TEMPLATE = {
  title: 'Sales',
  charts: [
    {
      key: 'byRegion',
      title: 'By region',
      query: {
        table: 'sales',
        columns: ['region', { column: 'amount', aggregation: 'sum' as const }, { column: 'owner', aggregation: 'min' as const }],
        filters: [{ column: 'region', param: 'region' }],
        orderBy: [{ column: 'region' }],
      },
    },
    {
      key: 'total',
      title: 'Total',
      visualization: 'indicator' as const,
      query: { table: 'sales', columns: [{ column: 'region', aggregation: 'count' as const, as: 'n' }, { column: 'amount', aggregation: 'sum' as const }] },
    },
  ],
  settings: { globalParams: { region: '' } },
  tabs: [
    {
      id: 't1',
      title: 'Overview',
      items: [
        { id: 'sel', type: 'control' as const, sourceType: 'dataset' as const, param: 'region', chartId: 'byRegion' },
        { id: 'w1', type: 'widget' as const, chartId: 'byRegion' },
        { id: 'w2', type: 'widget' as const, chartId: 'total' },
      ],
    },
  ],
};

let ch: TestClickHouse;
let mock: MockApp;
let py: PythonPartner;
let datalensPublicPem: string;
let connectorId: string;
const api = () => request(mock.app);
const rpc = (method: string, body: object) => api().post(`/rpc/${method}`).send(body);
const register = (clickhouse: object, extra: object = {}) =>
  api().post('/_mock/partner/connectors').send({ title: 'Shop on ClickHouse', partnerKeys: [{ version: 1, publicKey: py.publicPem }], clickhouse, ...extra });

/** A fake upstream on loopback: never answers, or answers `status` with `body`. */
async function fakeUpstream(answer?: { status: number; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    if (answer) res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

beforeAll(async () => {
  [ch, mock] = await Promise.all([startClickHouse(), makeApp()]);
  py = pythonPartner();
  datalensPublicPem = (await api().get('/_mock/partner/datalens-keys')).body.keys[0].publicKey;
  const res = await register({ url: ch.url, password: CH_USERS.datalens.password }, { dashboardTemplate: TEMPLATE });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  connectorId = res.body.connectorId;
});
afterAll(async () => {
  await mock?.close();
  await ch?.stop();
  py?.cleanup();
});

async function connect(db: string) {
  return rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId, token: py.token(datalensPublicPem, db) });
}

/** Runs a chart of a dashboard through the gateway, as the embedded page does. */
async function runOnDash(dashId: string, chartId: string, params: Record<string, unknown> = {}) {
  const embed = await rpc('createEmbed', { title: 'e', embeddingSecretId: IDS.secret, entryId: dashId, publicParamsMode: false });
  const token = await tokenFor(embed.body.embedId);
  return api().post('/api/run').set('x-dl-embed-token', token).send({ id: chartId, params });
}

describe('a ClickHouse connector', () => {
  it('keeps the password: the API shows the cluster without it', async () => {
    const c = (await api().get(`/_mock/partner/connectors/${connectorId}`)).body;
    expect(c.clickhouse).toEqual({ url: ch.url, username: 'datalens', timeoutMs: 15000, hasPassword: true });
    expect(JSON.stringify(c)).not.toContain(CH_USERS.datalens.password);
    expect(JSON.stringify((await api().get('/_mock/partner/connectors')).body)).not.toContain(CH_USERS.datalens.password);
  });

  it('takes the credentials from the URL too, and keeps the URL without them', async () => {
    const res = await register({ url: ch.urlFor('datalens') });
    expect(res.body.clickhouse).toEqual({ url: ch.url, username: 'datalens', timeoutMs: 15000, hasPassword: true });
    expect(JSON.stringify(res.body)).not.toContain(CH_USERS.datalens.password);
  });

  it('never lets the password into the request journal, given as a field or inside the URL', async () => {
    await register({ url: ch.urlFor('datalens') });
    await register({ url: ch.url, password: CH_USERS.datalens.password });
    const journal = await api().get('/_mock/journal');
    expect(journal.status).toBe(200);
    const ids = (journal.body.entries as { id: string; path?: string }[]).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(1);
    const details = await Promise.all(ids.map((id) => api().get(`/_mock/journal/${id}`)));
    const text = JSON.stringify(journal.body) + details.map((d) => JSON.stringify(d.body)).join('');
    expect(text).toContain('/_mock/partner/connectors');
    expect(text).toContain('[redacted]'); // the bodies were kept, with the password taken out
    expect(text).not.toContain(CH_USERS.datalens.password);
  });

  it('keeps its cluster, password included, across a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dlmock-ch-persist-'));
    try {
      const first = await makeApp(undefined, { dataDir, inMemory: false });
      const id = (await request(first.app).post('/_mock/partner/connectors').send({ title: 'Kept', partnerKeys: [{ version: 1, publicKey: py.publicPem }], clickhouse: { url: ch.url, password: 'kept-pw' } })).body.connectorId;
      await first.close();
      const again = await makeApp(undefined, { dataDir, inMemory: false });
      try {
        expect(again.ctx.partner!.connectors.get(id).clickhouse).toEqual({ url: ch.url, username: 'datalens', timeoutMs: 15000, hasPassword: true });
        expect(again.ctx.partner!.connectors.clickhouseTarget(id)?.password).toBe('kept-pw');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('has no audit when it has no cluster: a 400 that says so', async () => {
    const plain = (await api().post('/_mock/partner/connectors').send({ title: 'SQLite only', partnerKeys: [{ version: 1, publicKey: py.publicPem }] })).body.connectorId;
    const res = await api().post(`/_mock/partner/connectors/${plain}/audit`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/no ClickHouse cluster/);
  });

  it('runs its audit (which writes a probe) on POST only: a GET is a 405 naming POST, and touches no cluster', async () => {
    const res = await api().get(`/_mock/partner/connectors/${connectorId}/audit`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect(res.body.hint).toContain(`POST /_mock/partner/connectors/${connectorId}/audit`);
    expect(res.body.findings).toBeUndefined();
  });

  it('refuses a free-SQL template chart at registration unless rawSqlLevel allows it, and one that leaves the database even then', async () => {
    const sqlChart = { key: 'total', title: 'Raw', sql: 'SELECT count() FROM sales' };
    const off = await register({ url: ch.url }, { dashboardTemplate: { ...TEMPLATE, charts: [TEMPLATE.charts[0], sqlChart] } });
    expect(off.status).toBe(400);
    expect(off.body).toMatchObject({ code: 'PARTNER_RAW_SQL_OFF', field: 'dashboardTemplate.charts[1].sql' });
    expect(off.body.message).toContain("rawSqlLevel 'off'");
    const on = await register({ url: ch.url }, { rawSqlLevel: 'dashsql', dashboardTemplate: { ...TEMPLATE, charts: [TEMPLATE.charts[0], sqlChart] } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.rawSqlLevel).toBe('dashsql');
    const bad = { ...TEMPLATE, charts: [TEMPLATE.charts[0], { ...sqlChart, sql: 'SELECT * FROM system.tables' }] };
    const res = await register({ url: ch.url }, { rawSqlLevel: 'dashsql', dashboardTemplate: bad });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PARTNER_SQL_FORBIDDEN', field: 'dashboardTemplate.charts[1].sql' });
  });

  it('shows its rawSqlLevel, off unless given', async () => {
    expect((await api().get(`/_mock/partner/connectors/${connectorId}`)).body.rawSqlLevel).toBe('off');
  });
});

describe('a connection made with a token minted by the guide\'s Python code', () => {
  let connection: { connectionId: string; dbName: string; dashboardEntryId: string; chartEntryIds: Record<string, string> };
  beforeAll(async () => {
    const res = await connect('client_a');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    connection = res.body;
  });

  it('is bound to client_a, with the template deployed', () => {
    expect(connection).toMatchObject({ dbName: 'client_a', dashboardEntryId: expect.stringMatching(/^[0-9a-z]{13}$/) });
  });

  it("its template dashboard shows client_a's rows only", async () => {
    const byRegion = await runOnDash(connection.dashboardEntryId, connection.chartEntryIds.byRegion);
    expect(byRegion.status, JSON.stringify(byRegion.body)).toBe(200);
    expect(byRegion.body.data).toEqual({
      columns: ['region', 'amount', 'owner'],
      rows: [
        ['East', 30, 'A'],
        ['North', 10, 'A'],
        ['South', 20, 'A'],
      ],
    });
    const total = await runOnDash(connection.dashboardEntryId, connection.chartEntryIds.total);
    expect(total.body.data.rows).toEqual([[3, 60]]);
  });

  it('filters with the dashboard params (a string or an array) and fills the dataset selector from client_a', async () => {
    const north = await runOnDash(connection.dashboardEntryId, connection.chartEntryIds.byRegion, { region: 'North' });
    expect(north.body.data.rows).toEqual([['North', 10, 'A']]);
    const two = await runOnDash(connection.dashboardEntryId, connection.chartEntryIds.byRegion, { region: ['North', "West' OR 1=1 --"] });
    expect(two.body.data.rows).toEqual([['North', 10, 'A']]);
    const embed = await rpc('createEmbed', { title: 'e', embeddingSecretId: IDS.secret, entryId: connection.dashboardEntryId });
    const sel = await api()
      .post('/api/run')
      .set('x-dl-embed-token', await tokenFor(embed.body.embedId))
      .send({ controlData: { id: 'sel', tabId: 't1' } });
    expect(sel.body.uiScheme.controls[0].options.sort()).toEqual(['East', 'North', 'South']);
  });

  it('refuses a free-SQL chart on it: its connector has rawSqlLevel off', async () => {
    const res = await rpc('createChart', { workbookId: IDS.workbook, title: 'raw', connectionId: connection.connectionId, sql: 'SELECT owner FROM sales' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PARTNER_RAW_SQL_OFF', field: 'sql' });
    expect(res.body.message).toContain('Shop on ClickHouse');
  });

  it('runs a structured chart created on it, and refuses one naming what client_a lacks', async () => {
    const ok = await rpc('createChart', {
      workbookId: IDS.workbook,
      title: 'by owner',
      connectionId: connection.connectionId,
      query: { table: 'sales', columns: ['owner', { column: 'amount', aggregation: 'max', as: 'top' }], orderBy: [{ column: 'top', direction: 'desc' }], limit: 1 },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const dash = await rpc('createDashboard', { workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 't', items: [{ id: 'a', type: 'widget', chartId: ok.body.entryId }] }] });
    expect((await runOnDash(dash.body.entryId, ok.body.entryId)).body.data).toEqual({ columns: ['owner', 'top'], rows: [['A', 30]] });
    for (const query of [{ table: 'secrets_b', columns: ['secret'] }, { table: 'sales', columns: ['secret'] }, { table: 'client_b.sales', columns: ['owner'] }]) {
      const bad = await rpc('createChart', { workbookId: IDS.workbook, title: 'bad', connectionId: connection.connectionId, query });
      expect(bad.status).toBe(200); // the database is read when the chart runs
      const d = await rpc('createDashboard', { workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 't', items: [{ id: 'a', type: 'widget', chartId: bad.body.entryId }] }] });
      const res = await runOnDash(d.body.entryId, bad.body.entryId);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('PARTNER_QUERY_INVALID');
      expect(JSON.stringify(res.body)).not.toContain('B-only');
    }
  });

  it("with rawSqlLevel dashsql, a free-SQL chart runs on the cluster; hostile SQL cannot reach client_b's rows", async () => {
    const sqlConnector = (await register({ url: ch.url, password: CH_USERS.datalens.password }, { rawSqlLevel: 'dashsql' })).body.connectorId;
    const conn = (await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: sqlConnector, token: py.token(datalensPublicPem, 'client_a') })).body;
    const ok = await rpc('createChart', { workbookId: IDS.workbook, title: 'mine', connectionId: conn.connectionId, sql: 'SELECT owner FROM sales' });
    expect(ok.status).toBe(200);
    const refused = await rpc('createChart', { workbookId: IDS.workbook, title: 'x', connectionId: conn.connectionId, sql: "SELECT * FROM merge('client_b', '.*')" });
    expect(refused.body).toMatchObject({ code: 'PARTNER_SQL_FORBIDDEN' });
    // Accepted at creation (the cluster's databases are not known then), refused when it runs.
    const late = await rpc('createChart', { workbookId: IDS.workbook, title: 'y', connectionId: conn.connectionId, sql: 'SELECT secret FROM client_b.secrets_b' });
    expect(late.status).toBe(200);
    const dash = await rpc('createDashboard', {
      workbookId: IDS.workbook,
      title: 'd',
      tabs: [{ id: 't', title: 't', items: [{ id: 'a', type: 'widget', chartId: ok.body.entryId }, { id: 'b', type: 'widget', chartId: late.body.entryId }] }],
    });
    expect((await runOnDash(dash.body.entryId, ok.body.entryId)).body.data.rows).toEqual([['A'], ['A'], ['A']]);
    const leak = await runOnDash(dash.body.entryId, late.body.entryId);
    expect(leak.status).toBe(400);
    expect(JSON.stringify(leak.body)).not.toContain('B-only');
    expect(JSON.stringify(leak.body)).toContain('PARTNER_SQL_FORBIDDEN');
  });

  it('passes the connector audit: readonly = 2, cannot write, client_a and its template tables exist', async () => {
    const res = await api().post(`/_mock/partner/connectors/${connectorId}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([]);
    expect(res.body.ok).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(CH_USERS.datalens.password);
  });
});

describe('failures name the connector and the cause', () => {
  it('a token whose db_name is not on the cluster is a 400 naming it', async () => {
    const res = await connect('client_nowhere');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PARTNER_DATABASE_NOT_FOUND', field: 'db_name' });
    expect(res.body.message).toContain('"client_nowhere"');
    expect(res.body.message).toContain('Shop on ClickHouse');
  });

  it('wrong credentials are a 502 PARTNER_CLICKHOUSE_AUTH_FAILED, without the password', async () => {
    const c = (await register({ url: ch.url, password: 'not-the-password-xyz' })).body.connectorId;
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: py.token(datalensPublicPem, 'client_a') });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('PARTNER_CLICKHOUSE_AUTH_FAILED');
    expect(res.body.message).toContain(c);
    expect(JSON.stringify(res.body)).not.toContain('not-the-password-xyz');
  });

  it('a cluster that is down is a 502 PARTNER_CLICKHOUSE_UNREACHABLE', async () => {
    const gone = await fakeUpstream();
    await gone.close();
    const c = (await register({ url: gone.url })).body.connectorId;
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: py.token(datalensPublicPem, 'client_a') });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ code: 'PARTNER_CLICKHOUSE_UNREACHABLE' });
    expect(res.body.message).toContain(gone.url);
  });

  it('a cluster that never answers is a 504 after the connector timeout, not a hang', async () => {
    const silent = await fakeUpstream();
    try {
      const c = (await register({ url: silent.url, timeoutMs: 300 })).body.connectorId;
      const started = Date.now();
      const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: py.token(datalensPublicPem, 'client_a') });
      expect(res.status).toBe(504);
      expect(res.body.code).toBe('PARTNER_CLICKHOUSE_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it('a readonly = 1 user breaks charts, as it breaks DataLens: a 502 whose hint says readonly = 2', async () => {
    const c = (await register({ url: ch.urlFor('strict') }, { rawSqlLevel: 'dashsql' })).body.connectorId;
    const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: py.token(datalensPublicPem, 'client_a') });
    expect(res.status, JSON.stringify(res.body)).toBe(200); // SHOW DATABASES needs no setting
    const err = await mock.ctx.partner!.runner(res.body.connectionId).run('SELECT count() FROM sales', {}).catch((e) => e);
    expect(err).toMatchObject({ reason: 'PARTNER_CLICKHOUSE_READONLY_USER', status: 502, viewer: { code: 'ERR.DS_API.DB.CH.READONLY_USER' } });
    expect(err.message).toMatch(/Code: 164/);
    expect(err.hint).toContain('SETTINGS readonly = 2');
  });

  it('an embed viewer gets the DataLens error without the cluster address or the server text; the journal keeps both', async () => {
    const c = (await register({ url: ch.url, password: CH_USERS.datalens.password }, { rawSqlLevel: 'dashsql' })).body.connectorId;
    const conn = mock.ctx.partner!.bindConnection({ workbookId: IDS.workbook, connectorId: c, dbName: 'client_a' });
    const chart = await rpc('createChart', { workbookId: IDS.workbook, title: 'typo', connectionId: conn.connectionId, sql: 'SELECT * FROM salez' });
    const dash = await rpc('createDashboard', { workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 't', items: [{ id: 'a', type: 'widget', chartId: chart.body.entryId }] }] });
    const res = await runOnDash(dash.body.entryId, chart.body.entryId);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'ERR.DS_API.DB.SOURCE_DOES_NOT_EXIST',
      error: { code: 'ERR.CHARTS.DATA_FETCHING_ERROR', details: { sources: { connection: { code: 'ERR.DS_API.DB.SOURCE_DOES_NOT_EXIST' } } } },
      mock: { reason: 'INVALID_SQL' },
    });
    const seen = JSON.stringify(res.body);
    for (const internal of [ch.url, new URL(ch.url).port, "doesn't exist", 'salez', 'DB::Exception', c]) expect(seen).not.toContain(internal);
    const journal = await api().get('/_mock/journal').query({ reason: 'INVALID_SQL' });
    const entry = journal.body.entries.at(-1);
    expect(entry.rejection.message).toContain("doesn't exist");
    expect(entry.rejection.message).toContain(ch.url);
  });

  it("a current server's suggestion of another client's database never reaches the viewer", async () => {
    const upstream = await fakeUpstream({ status: 404, body: "Code: 81. DB::Exception: Database client_c does not exist. Maybe you meant client_b?. (UNKNOWN_DATABASE) (version 26.7.2.1)" });
    try {
      const c = (await register({ url: upstream.url }, { rawSqlLevel: 'dashsql' })).body.connectorId;
      const conn = mock.ctx.partner!.bindConnection({ workbookId: IDS.workbook, connectorId: c, dbName: 'client_c' });
      const chart = await rpc('createChart', { workbookId: IDS.workbook, title: 'c', connectionId: conn.connectionId, sql: 'SELECT 1' });
      const dash = await rpc('createDashboard', { workbookId: IDS.workbook, title: 'd', tabs: [{ id: 't', title: 't', items: [{ id: 'a', type: 'widget', chartId: chart.body.entryId }] }] });
      const res = await runOnDash(dash.body.entryId, chart.body.entryId);
      expect(res.body.code).toBe('ERR.DS_API.DB.DATABASE_DOES_NOT_EXIST');
      const seen = JSON.stringify(res.body);
      for (const internal of ['client_b', 'Maybe you meant', upstream.url, 'DB::Exception']) expect(seen).not.toContain(internal);
    } finally {
      await upstream.close();
    }
  });

  it('a slow query on the real server is a 504 as well', async () => {
    const c = (await register({ url: ch.url, password: CH_USERS.datalens.password, timeoutMs: 400 }, { rawSqlLevel: 'dashsql' })).body.connectorId;
    const conn = mock.ctx.partner!.bindConnection({ workbookId: IDS.workbook, connectorId: c, dbName: 'client_a' });
    const err = await mock.ctx.partner!.runner(conn.connectionId).run('SELECT sum(number) FROM numbers(100000000000)', {}).catch((e) => e);
    expect(err).toMatchObject({ reason: 'PARTNER_CLICKHOUSE_TIMEOUT', status: 504 });
  });

  it.each([
    ['a ClickHouse exception', 500, 'Code: 241, e.displayText() = DB::Exception: Memory limit (total) exceeded', /Memory limit/],
    ['a proxy page', 503, '<html><body>Service Unavailable</body></html>', /Service Unavailable/],
  ])('%s is a 502 PARTNER_CLICKHOUSE_ERROR with the server message', async (_name, status, body, says) => {
    const upstream = await fakeUpstream({ status, body });
    try {
      const c = (await register({ url: upstream.url })).body.connectorId;
      const res = await rpc('createConnection', { workbookId: IDS.workbook, type: 'partner', connectorId: c, token: py.token(datalensPublicPem, 'client_a') });
      expect(res.status).toBe(502);
      expect(res.body.code).toBe('PARTNER_CLICKHOUSE_ERROR');
      expect(res.body.message).toMatch(says);
      expect(res.body.message).toContain('Shop on ClickHouse');
    } finally {
      await upstream.close();
    }
  });
});

describe('the doctor page audits a cluster', () => {
  const page = (form: Record<string, string>) => api().post('/_mock/doctor/clickhouse').type('form').send(form);

  it('passes the readonly = 2 user and never shows its password again', async () => {
    const res = await page({ url: ch.url, username: 'datalens', password: CH_USERS.datalens.password, databases: 'client_a, client_b' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="doctor-verdict"');
    expect(res.text).toContain('no problems found');
    expect(res.text).not.toContain(CH_USERS.datalens.password);
  });

  it('flags readonly = 0 with the CREATE USER line, and a registered connector by its id', async () => {
    const res = await page({ url: ch.urlFor('writer'), databases: 'client_a' });
    expect(res.text).toContain('data-code="DLM-710"');
    expect(res.text).toContain('SETTINGS readonly = 2;');
    expect(res.text).not.toContain(CH_USERS.writer.password);
    const byConnector = await page({ connectorId });
    expect(byConnector.text).toContain('no problems found');
  });
});

describe('a ClickHouse connector in a seed file', () => {
  it('runs its seeded connection on the cluster', async () => {
    const seeded = await makeApp(
      {
        workbooks: [{ id: 'seedworkbook1', title: 'W' }],
        partner: {
          connectors: [{ key: 'shop', title: 'Seeded shop', partnerKeys: [{ version: 1, publicKey: py.publicPem }], clickhouse: { url: ch.url, password: CH_USERS.datalens.password } }],
          connections: [{ connectionId: 'seedconnectn1', workbook: 'seedworkbook1', connector: 'shop', dbName: 'client_a' }],
        },
      },
    );
    try {
      const t = await seeded.ctx.partner!.runner('seedconnectn1').runQuery({ table: 'sales', columns: [{ column: 'region', aggregation: 'count' }, { column: 'owner', aggregation: 'min' }] }, {});
      expect(t.rows).toEqual([[3, 'A']]);
      const raw = await seeded.ctx.partner!.runner('seedconnectn1').run('SELECT 1', {}).catch((e) => e);
      expect(raw).toMatchObject({ reason: 'PARTNER_RAW_SQL_OFF' });
    } finally {
      await seeded.close();
    }
  });
});
