// A ClickHouse connector's template dashboard on real data, in Chromium: the connection is made
// with a token minted by the partner guide's Python code, and the dashboard shows only that
// client's rows. The test starts its own clickhouse-server (server/testing/clickhouse.ts).
import { expect, test } from '@playwright/test';
import { CH_USERS, startClickHouse, type TestClickHouse } from '../server/testing/clickhouse.js';
import { DEMO_PUBLIC_KEY, tokenFor } from '../server/testing/fixtures.js';
import { pythonPartner, type PythonPartner } from '../server/testing/python-partner.js';
import { EMULATOR_URL } from './env.js';

const TEMPLATE = {
  title: 'Sales',
  // By structure, as DataLens builds a partner's dashboard: the emulator writes the SQL on the
  // connection's own table (free SQL is off on the connector, the default).
  charts: [
    {
      key: 'byRegion',
      title: 'Sales by region',
      query: {
        table: 'sales',
        columns: ['region', { column: 'amount', aggregation: 'sum' }, { column: 'owner', aggregation: 'min' }],
        filters: [{ column: 'region', param: 'region' }],
        orderBy: [{ column: 'region' }],
      },
    },
  ],
  settings: { globalParams: { region: '' } },
  tabs: [
    {
      id: 'overview',
      title: 'Overview',
      items: [
        { id: 'sel', type: 'control', sourceType: 'dataset', param: 'region', chartId: 'byRegion' },
        { id: 'w1', type: 'widget', chartId: 'byRegion' },
      ],
    },
  ],
};

let ch: TestClickHouse;
let py: PythonPartner;
/** client_a's connection and workbook. */
let clientA: { connectionId: string; workbookId: string };
/** Embed tokens of each client's deployed dashboard. */
const dashToken: Record<string, () => Promise<string>> = {};
/** A dashboard of client_a's workbook whose chart reads a table client_a does not have. */
let brokenToken: () => Promise<string>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  ch = await startClickHouse();
  py = pythonPartner();
  const post = async (path: string, body: object) => {
    const res = await request.post(`${EMULATOR_URL}${path}`, { data: body });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const datalensKey = (await (await request.get(`${EMULATOR_URL}/_mock/partner/datalens-keys`)).json()).keys[0].publicKey;
  const { connectorId } = await post('/_mock/partner/connectors', {
    title: 'Shop on ClickHouse (e2e)',
    partnerKeys: [{ version: 1, publicKey: py.publicPem }],
    clickhouse: { url: ch.url, password: CH_USERS.datalens.password },
    dashboardTemplate: TEMPLATE,
  });
  for (const db of ['client_a', 'client_b']) {
    const { workbookId } = await post('/rpc/createWorkbook', { title: `Client ${db}` });
    const connection = await post('/rpc/createConnection', { workbookId, type: 'partner', connectorId, token: py.token(datalensKey, db) });
    expect(connection.dbName).toBe(db);
    if (db === 'client_a') clientA = { connectionId: connection.connectionId, workbookId };
    const secret = await post('/rpc/createEmbeddingSecret', { workbookId, title: 'key', publicKey: DEMO_PUBLIC_KEY });
    const embed = await post('/rpc/createEmbed', { title: `${db} dashboard`, embeddingSecretId: secret.embeddingSecretId, entryId: connection.dashboardEntryId, publicParamsMode: false });
    dashToken[db] = () => tokenFor(embed.embedId);
    if (db === 'client_a') {
      // Free SQL needs a connector that allows it (rawSqlLevel); the typo reaches the server's parser.
      const raw = await post('/_mock/partner/connectors', {
        title: 'Free SQL (e2e)',
        partnerKeys: [{ version: 1, publicKey: py.publicPem }],
        clickhouse: { url: ch.url, password: CH_USERS.datalens.password },
        rawSqlLevel: 'dashsql',
      });
      const rawConnection = await post('/rpc/createConnection', { workbookId, type: 'partner', connectorId: raw.connectorId, token: py.token(datalensKey, db) });
      const chart = await post('/rpc/createChart', { workbookId, title: 'Typo', connectionId: rawConnection.connectionId, sql: 'SELECT region FROM salez' });
      const dash = await post('/rpc/createDashboard', { workbookId, title: 'Broken', tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: chart.entryId }] }] });
      const broken = await post('/rpc/createEmbed', { title: 'broken', embeddingSecretId: secret.embeddingSecretId, entryId: dash.entryId, publicParamsMode: false });
      brokenToken = () => tokenFor(broken.embedId);
    }
  }
});

test.afterAll(async () => {
  await ch?.stop();
  py?.cleanup();
});

test("client_a's template dashboard shows client_a's rows only", async ({ page }) => {
  await page.goto(`${EMULATOR_URL}/embeds/dash#dl_embed_token=${await dashToken.client_a()}`);
  await expect(page.getByTestId('dl-status')).toHaveText('ready');
  const rows = page.getByTestId('dl-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('East');
  const text = (await rows.allInnerTexts()).join('\n');
  expect(text).toMatch(/North[\s\S]*10/);
  expect(text).not.toMatch(/999|777|West|\bB\b/);
  // The dataset selector is filled from client_a's rows, and filters them.
  const selector = page.locator('[data-testid="dl-selector"][data-param="region"]');
  await expect(selector.locator('option')).toHaveText(['All', 'East', 'North', 'South']);
  await selector.selectOption('North');
  await expect(page.getByTestId('dl-status')).toHaveText('ready');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('North');
});

test("the same template on client_b's connection shows client_b's rows only", async ({ page }) => {
  await page.goto(`${EMULATOR_URL}/embeds/dash#dl_embed_token=${await dashToken.client_b()}`);
  await expect(page.getByTestId('dl-status')).toHaveText('ready');
  const rows = page.getByTestId('dl-row');
  await expect(rows).toHaveCount(2);
  const text = (await rows.allInnerTexts()).join('\n');
  expect(text).toContain('West');
  expect(text).not.toMatch(/East|South/);
});

test('free SQL on the connection is refused with a 400 that names the connector setting', async ({ request }) => {
  const res = await request.post(`${EMULATOR_URL}/rpc/createChart`, {
    data: { workbookId: clientA.workbookId, title: 'raw', connectionId: clientA.connectionId, sql: "SELECT * FROM `merge`('client_b', '^s')" },
  });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body).toMatchObject({ code: 'PARTNER_RAW_SQL_OFF', field: 'sql' });
  expect(body.message).toContain('rawSqlLevel');
});

test("a failing chart shows DataLens's data-source error, without the cluster's address or the server's words", async ({ page }) => {
  await page.goto(`${EMULATOR_URL}/embeds/dash#dl_embed_token=${await brokenToken()}`);
  await expect(page.getByTestId('dl-error-code')).toHaveText('ERR.DS_API.DB.SOURCE_DOES_NOT_EXIST');
  const text = await page.locator('body').innerText();
  for (const internal of [ch.url, `:${new URL(ch.url).port}`, "doesn't exist", 'DB::Exception', 'salez']) expect(text).not.toContain(internal);
});
