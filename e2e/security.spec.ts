// A hostile web page in the developer's browser cannot change the emulator state; the emulator's own
// pages still can (docs/security.md). Real Chromium, so the Origin and Sec-Fetch-Site headers are the
// browser's own, not a test's guess. Everything runs in a namespace of its own.
import { expect, test } from '@playwright/test';
import { EMULATOR_URL, HOST_URL } from './env.js';

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

test("the emulator's own doctor page still posts to itself", async ({ page }) => {
  await page.goto(`${NS}/_mock/doctor`);
  await page.locator('#input').fill('not a token');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('body')).toContainText('DLM-002');
});
