import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { EMULATOR_URL, hostMessages, mintToken, openHost } from './helpers.js';

test.describe('embedded chart', () => {
  test('loads from another origin and draws one dl-row per data row', async ({ page }) => {
    const { frame } = await openHost(page, '/chart.html?embed=chart');
    await expect(frame.getByTestId('dl-row')).toHaveCount(8);
    await expect(frame.getByTestId('dl-token-generation')).toHaveText('1');
    await expect(frame.getByTestId('dl-error-code')).toHaveCount(0);
    expect(new URL(page.url()).origin).not.toBe(EMULATOR_URL);
  });

  for (const [embed, rows] of [
    ['bar', 8],
    ['line', 6],
    ['pie', 4],
    ['indicator', 1],
  ] as const) {
    test(`draws a ${embed} chart as SVG marks, one dl-row each`, async ({ page }) => {
      const { frame } = await openHost(page, `/chart.html?embed=${embed}`);
      await expect(frame.getByTestId('dl-row')).toHaveCount(rows);
      if (embed !== 'indicator') await expect(frame.locator('svg [data-testid="dl-row"]')).toHaveCount(rows);
    });
  }

  test('shows unsigned link params and not the ones the embed filters out', async ({ page }) => {
    // The embed denies `category` (privateParams); `region` is open.
    const { frame } = await openHost(page, '/chart.html?embed=chart&region=North&category=Hardware');
    await expect(frame.locator('[data-testid="dl-param"][data-name="region"]')).toHaveText('North');
    await expect(frame.locator('[data-testid="dl-param"][data-name="category"]')).toHaveCount(0);
    // Filtered by region only: North has two orders, one of them not Hardware.
    await expect(frame.getByTestId('dl-row')).toHaveCount(2);
  });

  test('shows a signed param over a link param of the same name (signed-wins)', async ({ page }) => {
    const { frame } = await openHost(page, '/chart.html?embed=chart&p.region=West&region=North');
    await expect(frame.locator('[data-testid="dl-param"][data-name="region"]')).toHaveText('West');
    await expect(frame.getByTestId('dl-row')).toHaveCount(2);
  });

  test('export downloads a CSV with the rows', async ({ page }) => {
    const { frame } = await openHost(page, '/chart.html?embed=chart&region=South');
    await frame.getByTestId('dl-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('menuitem', { name: /CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe('Orders.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.trim().split(/\r?\n/)).toEqual(['order,region,category,amount', 'A-1003,South,Hardware,450', 'A-1004,South,Services,1650']);
  });

  test('offers XLSX and Markdown too, and no export menu when the embed does not allow it', async ({ page }) => {
    const { frame } = await openHost(page, '/chart.html?embed=chart&region=East');
    await frame.getByTestId('dl-export').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), frame.getByRole('menuitem', { name: /XLSX/ }).click()]);
    expect(xlsx.suggestedFilename()).toBe('Orders.xlsx');
    await frame.getByTestId('dl-export').click();
    const [md] = await Promise.all([page.waitForEvent('download'), frame.getByRole('menuitem', { name: /Markdown/ }).click()]);
    expect(await readFile((await md.path())!, 'utf8')).toContain('| A-1005 | East | Software | 990 |');

    const bar = await openHost(page, '/chart.html?embed=bar');
    await expect(bar.frame.getByTestId('dl-export')).toHaveCount(0);
  });

  test('the server refuses export for an embed without enableExport', async ({ request }) => {
    const token = await mintToken(request, 'bar');
    const data = encodeURIComponent(JSON.stringify({ formSettings: { format: 'csv' }, chartData: { columns: ['a'], rows: [[1]] } }));
    const res = await request.post(`${EMULATOR_URL}/api/export`, { headers: { 'x-dl-embed-token': token }, data: { data, exportFilename: 'x' } });
    expect(res.status()).toBe(403);
    expect((await res.json()).code).toBe('EXPORT_NOT_ALLOWED');
  });

  test('reports isRendered and, once subscribed, embedHeight to the host', async ({ page }) => {
    await openHost(page, '/chart.html?embed=bar');
    await expect.poll(async () => hostMessages(page)).toContainEqual({ iFrameName: 'dl-embed', isRendered: true });
    await expect.poll(async () => (await hostMessages(page)).some((m) => typeof (m as { embedHeight?: unknown }).embedHeight === 'number')).toBe(true);
  });
});
