// The ClickHouse audit on a real server: it passes the readonly = 2 user, flags readonly = 0,
// readonly = 1, wrong credentials, an unreachable host, a silent one, a non-ClickHouse answer,
// missing databases, tables and columns; the password is never printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/index.js';
import { parseTarget } from '../../datasources/clickhouse/target.js';
import type { DashboardTemplate } from '../../partner/template.js';
import { CH_USERS, startClickHouse, type ChUser, type TestClickHouse } from '../../testing/clickhouse.js';
import { EXIT, runDoctor } from '../cli.js';
import type { Report } from '../report.js';
import { auditClickHouse } from './audit.js';
import { CREATE_USER_LINE } from '../codes/clickhouse.js';

let ch: TestClickHouse;
const dir = mkdtempSync(join(tmpdir(), 'dlmock-audit-'));
beforeAll(async () => {
  ch = await startClickHouse();
  await ch.admin("CREATE TABLE client_b.only_b (y UInt8) ENGINE = Memory;\nCREATE TABLE client_b.orders (id UInt8) ENGINE = Memory");
});
afterAll(async () => {
  await ch?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TEMPLATE: DashboardTemplate = {
  title: 'Sales',
  charts: [{ key: 'byRegion', title: 'By region', sql: 'SELECT region, sum(amount) AS amount FROM sales WHERE dl_in(region, :region) GROUP BY region' }],
  tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'byRegion' }] }],
};
const audit = (user: ChUser, scope: Parameters<typeof auditClickHouse>[1] = {}, o: { password?: string } = {}) =>
  auditClickHouse(parseTarget({ url: ch.url, username: CH_USERS[user].username, password: o.password ?? CH_USERS[user].password }), scope);
const codes = (r: Report) => r.findings.map((f) => f.code).sort();
const everyPassword = Object.values(CH_USERS).map((u) => u.password);
const noPassword = (text: string) => everyPassword.forEach((p) => expect(text).not.toContain(p));

async function fake(answer?: { status: number; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    if (answer) res.writeHead(answer.status).end(answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

describe('auditClickHouse', () => {
  it('passes the readonly = 2 datalens user with its databases and template', async () => {
    const r = await audit('datalens', { databases: ['client_a', 'client_b'], template: TEMPLATE });
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary).toEqual(
      expect.arrayContaining([
        { label: 'Version', value: expect.stringMatching(/^18\./) },
        { label: 'readonly', value: '2' },
        { label: 'Client databases', value: '2 of 2 exist' },
      ]),
    );
    noPassword(JSON.stringify(r));
  });

  it('flags readonly = 0 and proves the user can write (DLM-710, DLM-713), naming the CREATE USER line', async () => {
    const r = await audit('writer', { databases: ['client_a'] });
    expect(codes(r)).toEqual(['DLM-710', 'DLM-713', 'DLM-714']);
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'DLM-710')!.hint).toContain(CREATE_USER_LINE);
    expect(await ch.admin("SELECT count() FROM system.databases WHERE name LIKE 'datalens_mock_write_probe_%'")).toBe('0\n');
  });

  it('flags readonly = 1, which refuses the settings DataLens sets (DLM-711)', async () => {
    const r = await audit('strict', { databases: ['client_a'] });
    expect(codes(r)).toEqual(['DLM-711', 'DLM-714']);
    expect(r.findings.find((f) => f.code === 'DLM-711')!.hint).toContain('readonly = 2');
  });

  it('tells wrong credentials (DLM-703) from an unreachable host (DLM-701)', async () => {
    const wrong = await audit('datalens', {}, { password: 'definitely-wrong-pw' });
    expect(codes(wrong)).toEqual(['DLM-703']);
    expect(wrong.findings[0].hint).toContain(CREATE_USER_LINE);
    expect(JSON.stringify(wrong)).not.toContain('definitely-wrong-pw');
    const gone = await fake();
    await gone.close();
    const down = await auditClickHouse(parseTarget({ url: gone.url, password: 'pw-of-a-down-host' }));
    expect(codes(down)).toEqual(['DLM-701']);
    expect(JSON.stringify(down)).not.toContain('pw-of-a-down-host');
  });

  it('flags a server that never answers (DLM-702) and one that is not ClickHouse (DLM-704)', async () => {
    const silent = await fake();
    const html = await fake({ status: 404, body: '<html>Not Found</html>' });
    try {
      expect(codes(await auditClickHouse(parseTarget({ url: silent.url, timeoutMs: 300 })))).toEqual(['DLM-702']);
      expect(codes(await auditClickHouse(parseTarget({ url: html.url })))).toEqual(['DLM-704']);
    } finally {
      await Promise.all([silent.close(), html.close()]);
    }
  });

  it('flags a missing client database (DLM-720) and warns when none is given (DLM-721)', async () => {
    const r = await audit('datalens', { databases: ['client_a', 'client_gone'] });
    expect(codes(r)).toEqual(['DLM-720']);
    expect(r.findings[0].message).toContain('"client_gone"');
    const none = await audit('datalens');
    expect(codes(none)).toEqual(['DLM-721']);
    expect(none.ok).toBe(true); // a warning: exit 0
  });

  it("flags the template's missing tables (DLM-722) and columns (DLM-723) per client database", async () => {
    const template: DashboardTemplate = {
      ...TEMPLATE,
      charts: [
        { key: 'orders', title: 'Orders', sql: 'SELECT count() FROM orders' },
        { key: 'cols', title: 'Cols', sql: 'SELECT region, discount FROM sales' },
      ],
      tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'orders' }] }],
    };
    const r = await audit('datalens', { databases: ['client_a', 'client_b'], template });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([
      ['DLM-722', 'dashboardTemplate.charts.orders @ client_a'],
      ['DLM-723', 'dashboardTemplate.charts.cols @ client_a'],
      ['DLM-723', 'dashboardTemplate.charts.cols @ client_b'],
    ]);
    expect(r.findings[1].message).toMatch(/discount/);
  });

  it("flags a structured template chart's missing table (DLM-722) and columns (DLM-723) per client database", async () => {
    const template: DashboardTemplate = {
      ...TEMPLATE,
      charts: [
        { key: 'orders', title: 'Orders', query: { table: 'orders', columns: ['id'] } },
        { key: 'cols', title: 'Cols', query: { table: 'sales', columns: ['region', { column: 'discount', aggregation: 'sum' }], filters: [{ column: 'owner', param: 'o' }] } },
      ],
      tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'orders' }] }],
    };
    const r = await audit('datalens', { databases: ['client_a'], template });
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([
      ['DLM-722', 'dashboardTemplate.charts.orders @ client_a'],
      ['DLM-723', 'dashboardTemplate.charts.cols @ client_a'],
    ]);
    expect(r.findings[1].message).toMatch(/"discount"/);
  });

  it('warns about a template chart that fails with its default params (DLM-724) and flags one the emulator refuses (DLM-725)', async () => {
    const template: DashboardTemplate = {
      ...TEMPLATE,
      charts: [
        { key: 'typed', title: 'Typed', sql: 'SELECT region FROM sales WHERE amount > :min', params: { min: '5' } },
        { key: 'other', title: 'Other', sql: 'SELECT * FROM client_b.sales' },
      ],
      tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'typed' }] }],
    };
    const r = await audit('datalens', { databases: ['client_a'], template });
    expect(codes(r)).toEqual(['DLM-724', 'DLM-725']);
    expect(r.ok).toBe(false);
  });
});

describe('datalens-mock doctor --clickhouse', () => {
  async function doctor(o: Parameters<typeof runDoctor>[1]) {
    let out = '';
    const code = await runDoctor('', o, { stdout: { write: (s: string) => (out += s) }, env: {}, readStdin: async () => '' });
    return { code, out };
  }

  it('exits 0 for the right setup and prints no password', async () => {
    const templateFile = join(dir, 'connector.json');
    writeFileSync(templateFile, JSON.stringify({ title: 'Shop', dashboardTemplate: TEMPLATE }));
    const r = await doctor({ clickhouse: ch.urlFor('datalens'), database: ['client_a'], template: templateFile });
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('no problems found');
    expect(r.out).toContain(ch.url);
    noPassword(r.out);
  });

  it.each([
    ['readonly = 0', 'writer' as const, 'DLM-710'],
    ['readonly = 1', 'strict' as const, 'DLM-711'],
  ])('exits 1 for %s', async (_name, user, code) => {
    const r = await doctor({ clickhouse: ch.urlFor(user), database: ['client_a'], json: true });
    expect(r.code).toBe(EXIT.errors);
    expect(JSON.parse(r.out).findings.map((f: { code: string }) => f.code)).toContain(code);
    noPassword(r.out);
  });

  it('exits 1 for wrong credentials, without printing the password given', async () => {
    const r = await doctor({ clickhouse: `http://datalens:Wr0ng%21pass@${new URL(ch.url).host}` });
    expect(r.code).toBe(EXIT.errors);
    expect(r.out).toContain('DLM-703');
    expect(r.out).not.toContain('Wr0ng');
  });

  it('refuses a bad URL without echoing it, and an input together with --clickhouse', async () => {
    const program = () => {
      const p = buildProgram().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
      for (const c of p.commands) c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
      return p;
    };
    const bad = await program().parseAsync(['node', 'datalens-mock', 'doctor', '--clickhouse', 'ftp://u:SeCrEt@h']).catch((e) => e);
    expect(bad).toBeInstanceOf(CommanderError);
    expect(bad.message).not.toContain('SeCrEt');
    const both = await program().parseAsync(['node', 'datalens-mock', 'doctor', 'x', '--clickhouse', ch.url]).catch((e) => e);
    expect(both).toBeInstanceOf(CommanderError);
    expect(both.message).toMatch(/either an input or --clickhouse/);
  });
});
