// A hostile web page in the developer's browser cannot change the emulator state; the emulator's own
// pages still can (docs/security.md). Real Chromium, so the Origin and Sec-Fetch-Site headers are the
// browser's own, not a test's guess. Everything runs in a namespace of its own.
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { EMULATOR_URL, HOST_URL } from './env.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const NS = `${EMULATOR_URL}/_ns/security-e2e`;

test('a page of another site cannot reset the emulator or add a DataLens key, with fetch or a form', async ({ page, request }) => {
  const { workbookId } = await (await request.post(`${NS}/rpc/createWorkbook`, { data: { title: 'must survive' } })).json();
  const keys = async () => (await (await request.get(`${NS}/_mock/partner/datalens-keys`)).json()).keys.length;
  const before = await keys();

  await page.goto(`${HOST_URL}/chart.html?embed=chart`);
  const answers = await page.evaluate(async (ns) => {
    const post = (path: string, body: string, type: string) => fetch(`${ns}${path}`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': type }, body });
    await post('/_mock/reset', '{}', 'text/plain');
    await post('/_mock/partner/datalens-keys', '{}', 'text/plain');
    // A CORS request (JSON) is not even sent without a preflight answer; try it anyway.
    const json = await fetch(`${ns}/_mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status, (e) => String(e));
    return { json };
  }, NS);
  expect(String(answers.json)).toMatch(/TypeError|Failed to fetch/);

  // A classic cross-site form post, which needs no script and no CORS.
  await page.evaluate((ns) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = `${ns}/_mock/reset`;
    form.enctype = 'text/plain';
    const input = document.createElement('input');
    input.name = '{"x":"';
    input.value = '"}';
    form.append(input);
    document.body.append(form);
    form.submit();
  }, NS);
  await page.waitForURL(/_mock\/reset/);
  await expect(page.locator('body')).toContainText('CROSS_SITE_REQUEST');

  expect((await request.post(`${NS}/rpc/listEntries`, { data: { workbookId } })).status()).toBe(200);
  expect(await keys()).toBe(before);
});

test("the emulator's own doctor page still posts to itself", async ({ page, request }) => {
  // A GET never creates a namespace: the test's own code does, as the fixture does.
  await request.put(`${EMULATOR_URL}/_mock/namespaces/security-e2e`);
  await page.goto(`${NS}/_mock/doctor`);
  await page.locator('#input').fill('not a token');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('body')).toContainText('DLM-002');
});

// The attack of a real web page: a page on a site of its own (attacker.test, resolved to loopback by
// Chromium's own resolver) posts to the emulator with every spelling the router might take. Each
// attempt is then checked from Node: the state is what it was.
test.describe('a page on another site, every spelling', () => {
  test.describe.configure({ mode: 'default' });
  let browser: Browser;
  let attacker: Page;
  const ATTACKER_URL = `http://attacker.test:${new URL(HOST_URL).port}`;
  const NS_NAME = 'security-spelling';
  const NSB = `${EMULATOR_URL}/_ns/${NS_NAME}`;

  test.beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP attacker.test 127.0.0.1'],
    });
  });
  test.afterAll(async () => browser?.close());
  test.beforeEach(async ({ request }) => {
    await request.put(`${EMULATOR_URL}/_mock/namespaces/${NS_NAME}`);
    attacker = await browser.newPage();
    await attacker.goto(`${ATTACKER_URL}/healthz`);
    expect(new URL(attacker.url()).hostname).toBe('attacker.test');
  });
  test.afterEach(async () => attacker?.close());

  /** `fetch` in no-cors mode (the response is opaque, the request is still sent), with a simple body. */
  const postFromPage = (paths: string[], body: string, type = 'text/plain') =>
    attacker.evaluate(
      async ({ paths, body, type }) => {
        for (const url of paths) await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': type }, body }).catch(() => undefined);
        // sendBeacon too: a POST that outlives the page.
        for (const url of paths) navigator.sendBeacon(url, new Blob([body], { type }));
      },
      { paths, body, type },
    );

  /** A classic form post (no script needed on a real attack page), then back to the attacker's page. */
  async function formPost(url: string, fields: Record<string, string>, enctype = 'application/x-www-form-urlencoded'): Promise<string> {
    await attacker.evaluate(
      ({ url, fields, enctype }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        form.enctype = enctype;
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { url, fields, enctype },
    );
    await attacker.waitForURL((u) => u.hostname === '127.0.0.1');
    const text = (await attacker.locator('body').textContent()) ?? '';
    await attacker.goto(`${ATTACKER_URL}/healthz`);
    return text;
  }

  test('case and encoding variants of reset, clock and key versions change nothing', async ({ request }) => {
    const { workbookId } = await (await request.post(`${NSB}/rpc/createWorkbook`, { data: { title: 'must survive' } })).json();
    const rootKeys = async () => (await (await request.get(`${EMULATOR_URL}/_mock/partner/datalens-keys`)).json()).keys.length;
    const nsKeys = async () => (await (await request.get(`${NSB}/_mock/partner/datalens-keys`)).json()).keys.length;
    const clock = async () => (await (await request.get(`${NSB}/_mock/clock`)).json()).pinned;
    const before = { root: await rootKeys(), ns: await nsKeys(), pinned: await clock() };
    expect(before.pinned).toBe(false);

    const variants = (path: string) => [path, path.toUpperCase(), path.replace('_mock', '_MOCK'), `${path}/`, path.replace('_mock', '_Mock') + '/', path.replace(/\/([^/]+)$/, (_m, s: string) => `/${s[0].toUpperCase()}${s.slice(1)}`)];
    const nsVariants = (path: string) => [
      ...variants(path).map((p) => `${EMULATOR_URL}/_ns/${NS_NAME}${p}`),
      `${EMULATOR_URL}/_NS/${NS_NAME}${path}`,
      `${EMULATOR_URL}/_ns/${encodeURIComponent(NS_NAME).replace('s', '%73')}${path.toUpperCase()}`,
    ];
    await postFromPage([...nsVariants('/_mock/reset'), ...nsVariants('/_mock/clock'), ...nsVariants('/_mock/partner/datalens-keys')], JSON.stringify({ now: 77 }));
    await postFromPage([...variants('/_mock/partner/datalens-keys')].map((p) => `${EMULATOR_URL}${p}`), '{}');
    await postFromPage(nsVariants('/_mock/clock'), JSON.stringify({ now: 78 }), 'application/x-www-form-urlencoded');
    // A JSON body needs a CORS preflight, which the emulator never grants: not even sent.
    const json = await attacker.evaluate((url) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"now":79}' }).then((r) => r.status, (e) => String(e)), `${NSB}/_MOCK/clock`);
    expect(String(json)).toMatch(/TypeError|Failed to fetch/);

    // Form posts show the answer: the emulator refused it by name.
    expect(await formPost(`${EMULATOR_URL}/_MOCK/reset`, { '{"x":"': '"}' }, 'text/plain')).toContain('CROSS_SITE_REQUEST');
    expect(await formPost(`${EMULATOR_URL}/_NS/${NS_NAME}/_MOCK/reset`, { a: 'b' })).toContain('CROSS_SITE_REQUEST');
    expect(await formPost(`${EMULATOR_URL}/_MOCK/partner/datalens-keys/`, { a: 'b' })).toContain('CROSS_SITE_REQUEST');

    expect((await request.post(`${NSB}/rpc/listEntries`, { data: { workbookId } })).status()).toBe(200);
    expect({ root: await rootKeys(), ns: await nsKeys(), pinned: await clock() }).toEqual(before);
  });

  test("the doctor's ClickHouse audit, in any spelling, never connects where the page says", async () => {
    const connections: string[] = [];
    const trap = createServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((ok) => trap.listen(0, '127.0.0.1', ok));
    const port = (trap.address() as AddressInfo).port;
    try {
      const fields = { url: `http://127.0.0.1:${port}`, username: 'default', password: 'chosen-by-the-page', databases: 'a' };
      for (const path of ['/_MOCK/doctor/clickhouse', '/_mock/Doctor/ClickHouse/', `/_NS/${NS_NAME}/_MOCK/doctor/clickhouse`]) {
        expect(await formPost(`${EMULATOR_URL}${path}`, fields)).toContain('CROSS_SITE_REQUEST');
      }
      await postFromPage([`${EMULATOR_URL}/_MOCK/doctor/clickhouse`], new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      await attacker.waitForTimeout(500);
      expect(connections).toEqual([]);
    } finally {
      await new Promise((ok) => trap.close(ok));
    }
  });

  test('GETs and cross-site gateway posts create no namespace', async ({ request }) => {
    const names = async () => ((await (await request.get(`${EMULATOR_URL}/_mock/namespaces`)).json()).namespaces as { name: string }[]).map((n) => n.name);
    await attacker.evaluate(async (base) => {
      const loads = [];
      for (let i = 0; i < 5; i++) {
        const img = new Image();
        loads.push(new Promise((done) => ((img.onload = img.onerror = done))));
        img.src = `${base}/_ns/made-by-img-${i}/_mock/health`;
      }
      await Promise.all(loads);
      await fetch(`${base}/_ns/made-by-run/api/run`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' });
    }, EMULATOR_URL);
    const live = await names();
    expect(live.filter((n) => n.startsWith('made-by-'))).toEqual([]);
    expect(live).toContain(NS_NAME);
    const r = await request.get(`${EMULATOR_URL}/_ns/made-by-img-0/_mock/health`);
    expect(r.status()).toBe(404);
    expect((await r.json()).code).toBe('NAMESPACE_NOT_FOUND');
  });
});
