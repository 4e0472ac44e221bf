// What the ClickHouse runner sends, as DataLens sends it: the request itself (captured by a
// loopback upstream), and what the settings do on a real clickhouse-server 18.16 and on
// ClickHouse 26.x in process (chdb).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { query as chdbQuery } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CH_USERS, startClickHouse, type TestClickHouse } from '../../testing/clickhouse.js';
import { ClickHouseCluster } from './cluster.js';
import { formatParamValue, USER_AGENT } from './http.js';
import { ClickHouseRunner, DATALENS_SETTINGS, QUERY_SETTINGS } from './runner.js';
import { parseTarget } from './target.js';

interface Captured {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback "ClickHouse" that records each request and answers what a server would. */
async function capturingUpstream(): Promise<{ url: string; seen: Captured[]; close(): Promise<void> }> {
  const seen: Captured[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://upstream'), headers: req.headers, body });
      const answer = (data: unknown[][]) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ meta: [{ name: 'x', type: 'String' }], data }));
      if (body === 'SHOW DATABASES') return answer([['client_a'], ['client_b']]);
      if (body === 'SELECT version()') return answer([['18.16.1']]);
      return answer([['row']]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('the request a chart query makes', () => {
  let upstream: Awaited<ReturnType<typeof capturingUpstream>>;
  let chart: Captured;
  let second: Captured;
  beforeAll(async () => {
    upstream = await capturingUpstream();
    const cluster = new ClickHouseCluster(parseTarget({ url: upstream.url, password: 'pw' }));
    const runner = new ClickHouseRunner(cluster, 'client_a', 'the upstream');
    await runner.run('SELECT region FROM sales WHERE region = :region;', { region: 'North' });
    await runner.run('SELECT 1', {});
    const charts = upstream.seen.filter((r) => r.body !== 'SHOW DATABASES' && r.body !== 'SELECT version()');
    [chart, second] = charts;
  });
  afterAll(() => upstream.close());

  it('is a POST of the SQL text alone: no FORMAT clause, no trailing semicolon', () => {
    expect(chart.method).toBe('POST');
    expect(chart.body).toBe("SELECT region FROM sales WHERE region = 'North'");
    expect(chart.body).not.toMatch(/FORMAT/i);
  });

  it.each([
    ['database', 'client_a'],
    ['readonly', '2'],
    ['join_use_nulls', '1'],
    ['send_progress_in_http_headers', '0'],
    ['default_format', 'JSONCompact'],
  ])('carries %s=%s in the URL', (name, value) => {
    expect(chart.url.searchParams.get(name)).toBe(value);
  });

  it("sends the emulator's own bounds after DataLens's settings, and nothing else", () => {
    const names = [...chart.url.searchParams.keys()];
    expect(names).toEqual(['database', 'default_format', ...Object.keys(QUERY_SETTINGS)]);
    expect(Object.keys(QUERY_SETTINGS).slice(0, 3)).toEqual(Object.keys(DATALENS_SETTINGS));
  });

  it('says User-Agent: DataLens and logs in with Basic authentication, never with the password in the URL', () => {
    expect(chart.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toBe('DataLens');
    expect(chart.headers.authorization).toBe(`Basic ${Buffer.from('datalens:pw').toString('base64')}`);
    expect(chart.url.toString()).not.toContain('pw');
  });

  it('gives every query its own X-Request-Id', () => {
    const ids = upstream.seen.map((r) => r.headers['x-request-id']);
    expect(ids.every((id) => typeof id === 'string' && id.length > 8)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.headers['x-request-id']).not.toBe(chart.headers['x-request-id']);
  });
});

describe('query parameter values in the text form the server reads', () => {
  it.each([
    ['a string as it is', 'North', 'North'],
    ['backslash, quote, tab and line ends escaped', "a\\b'c\td\ne\rf", "a\\\\b\\'c\\td\\ne\\rf"],
    ['NULL as \\N', null, '\\N'],
    ['an array with quoted strings', ['a', "b'c"], "['a','b\\'c']"],
    ['an empty array', [], '[]'],
    ['a number', 12, '12'],
  ])('%s', (_name, value, text) => {
    expect(formatParamValue(value)).toBe(text);
  });
});

describe('on a real clickhouse-server 18.16', () => {
  let ch: TestClickHouse;
  const runnerAs = (user: 'datalens' | 'strict', db = 'client_a') =>
    new ClickHouseRunner(new ClickHouseCluster(parseTarget({ url: ch.urlFor(user) })), db, 'the test cluster');
  beforeAll(async () => {
    ch = await startClickHouse();
  });
  afterAll(() => ch?.stop());

  it("knows every setting DataLens sends (an unknown one would fail every query with code 115)", async () => {
    const cluster = new ClickHouseCluster(parseTarget({ url: ch.urlFor('datalens') }));
    const names = Object.keys(QUERY_SETTINGS);
    const known = await cluster.query(`SELECT name FROM system.settings WHERE name IN (${names.map((n) => `'${n}'`).join(', ')})`);
    expect(known.data.map((r) => r[0]).sort()).toEqual([...names].sort());
  });

  it('answers JSONCompact from default_format alone (an HTTP parameter there, not a setting)', async () => {
    const table = await runnerAs('datalens').run('SELECT region, amount FROM sales ORDER BY region', {});
    expect(table).toEqual({ columns: ['region', 'amount'], rows: [['East', 30], ['North', 10], ['South', 20]] });
  });

  it('makes a JOIN fill unmatched rows with NULL (join_use_nulls = 1), not with the type default', async () => {
    const sql = "SELECT s.region AS region, t.target AS target FROM sales AS s LEFT JOIN (SELECT 'North' AS region, 5 AS target) AS t USING region ORDER BY region";
    const table = await runnerAs('datalens').run(sql, {});
    expect(table.rows).toEqual([['East', null], ['North', 5], ['South', null]]);
  });

  it('fails every chart query of a readonly = 1 user with code 164, shown as ERR.DS_API.DB.CH.READONLY_USER with the fix', async () => {
    const err = await runnerAs('strict').run('SELECT count() FROM sales', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'PARTNER_CLICKHOUSE_READONLY_USER', status: 502, viewer: { code: 'ERR.DS_API.DB.CH.READONLY_USER' } });
    const { message, hint } = err as Error & { hint: string };
    expect(message).toMatch(/Code: 164/);
    expect(hint).toContain('SETTINGS readonly = 2');
    expect(message).not.toContain(CH_USERS.strict.password);
  });
});

describe('on ClickHouse 26.x (chdb)', () => {
  const settings = Object.entries(QUERY_SETTINGS)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v}'` : v}`)
    .join(', ');

  it('knows every setting the runner sends', () => {
    const names = Object.keys(QUERY_SETTINGS);
    const known = chdbQuery(`SELECT name FROM system.settings WHERE name IN (${names.map((n) => `'${n}'`).join(', ')}) ORDER BY name`, 'TSV').trim().split('\n');
    expect(known).toEqual([...names].sort());
  });

  it('has no default_format setting: it exists only as a parameter of the HTTP interface, where the runner sends it', () => {
    expect(() => chdbQuery("SELECT 1 SETTINGS default_format = 'JSONCompact'", 'TSV')).toThrow(/Unknown setting|UNKNOWN_SETTING/);
  });

  it('fills unmatched JOIN rows with NULL under the runner settings, and with 0 without join_use_nulls', () => {
    const join = "SELECT a.r, b.x FROM (SELECT arrayJoin(['E', 'N']) AS r) AS a LEFT JOIN (SELECT 'N' AS r, 5 AS x) AS b USING r ORDER BY a.r";
    const withNulls = JSON.parse(chdbQuery(`${join} SETTINGS ${settings}`, 'JSONCompact')) as { data: unknown[][] };
    const without = JSON.parse(chdbQuery(`${join} SETTINGS join_use_nulls = 0`, 'JSONCompact')) as { data: unknown[][] };
    expect(withNulls.data).toEqual([['E', null], ['N', 5]]);
    expect(without.data).toEqual([['E', 0], ['N', 5]]);
  });
});

describe('a connector URL whose password has a raw @ or /', () => {
  it.each([
    ['@', 'http://datalens:p@ss@127.0.0.1:8123', 'p@ss'],
    ['/', 'http://datalens:pa/ss@127.0.0.1:8123', 'pa/ss'],
    ['both, percent-encoded', `http://datalens:${encodeURIComponent('a/b@c')}@127.0.0.1:8123`, 'a/b@c'],
  ])('reads the whole password (%s) and keeps the URL without it', (_name, url, password) => {
    const target = parseTarget({ url });
    expect(target).toMatchObject({ url: 'http://127.0.0.1:8123', username: 'datalens', password });
  });

  it('removes such a password from a message, raw and inside a URL', async () => {
    const { redact } = await import('./target.js');
    expect(redact('failed: http://datalens:pa/ss@host:8123 said pa/ss', { password: 'pa/ss' })).toBe('failed: http://datalens:***@host:8123 said ***');
  });
});
