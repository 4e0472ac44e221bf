import { expect, test } from '@playwright/test';
import { hostMessages, openHost } from './helpers.js';

const param = (name: string) => `[data-testid="dl-param"][data-name="${name}"]`;
const selector = (name: string) => `[data-testid="dl-selector"][data-param="${name}"]`;

test.describe('embedded dashboard', () => {
  test('loads its tabs, selectors and charts, and draws rows', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash');
    await expect(frame.getByTestId('dl-tab')).toHaveCount(2);
    await expect(frame.locator('[data-testid="dl-tab"][data-tab-id="overview"]')).toHaveAttribute('aria-selected', 'true');
    await expect(frame.locator(selector('region'))).toBeEnabled();
    // Orders (8 rows) and Revenue by month (8 bars).
    await expect(frame.getByTestId('dl-row')).toHaveCount(16);
    // Each chart widget shows its own effective params.
    await expect(frame.locator(param('region'))).toHaveCount(2);
  });

  test('a manual selector filters the charts; a dataset selector offers the column’s distinct values', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash');
    await expect(frame.locator(`${selector('category')} option`)).toHaveText(['All', 'Hardware', 'Software', 'Services']);
    await frame.locator(selector('region')).selectOption('North');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(frame.locator(param('region'))).toHaveText(['North', 'North']);
    await expect(frame.getByTestId('dl-row')).toHaveCount(2 + 4);
  });

  test('reads declared link params (as arrays) and ignores undeclared ones', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash&region=East&region=West&color=red');
    await expect(frame.locator(param('region')).first()).toHaveText('East, West');
    await expect(frame.locator(param('color'))).toHaveCount(0);
    await expect(frame.getByTestId('dl-row')).toHaveCount(4 + 0);
  });

  test('opens the tab named by `tab` in the link', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash&tab=trends');
    await expect(frame.locator('[data-testid="dl-tab"][data-tab-id="trends"]')).toHaveAttribute('aria-selected', 'true');
    await expect(frame.locator('[data-testid="dl-tab"][data-tab-id="overview"]')).toHaveAttribute('aria-selected', 'false');
    // Total revenue (1), share (4 slices), visits (6 points).
    await expect(frame.getByTestId('dl-row')).toHaveCount(1 + 4 + 6);
  });

  test('an unknown `tab` opens the first tab and is removed from the URL, keeping the token hash', async ({ page }) => {
    const { frame, inner } = await openHost(page, '/dash.html?embed=dash&tab=nope&region=North');
    await expect(frame.locator('[data-testid="dl-tab"][data-tab-id="overview"]')).toHaveAttribute('aria-selected', 'true');
    const url = new URL(inner().url());
    expect(url.searchParams.has('tab')).toBe(false);
    expect(url.searchParams.get('region')).toBe('North');
    expect(url.hash).toMatch(/^#dl_embed_token=ey/);
  });

  test('switching tabs updates the URL (hash kept) and posts URL_CHANGED to the host', async ({ page }) => {
    const { frame, inner } = await openHost(page, '/dash.html?embed=dash');
    await frame.locator('[data-testid="dl-tab"][data-tab-id="trends"]').click();
    await expect(frame.locator('[data-testid="dl-tab"][data-tab-id="trends"]')).toHaveAttribute('aria-selected', 'true');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(frame.getByTestId('dl-row')).toHaveCount(11);
    expect(new URL(inner().url()).hash).toMatch(/^#dl_embed_token=/);
    await expect.poll(async () => hostMessages(page)).toContainEqual({ code: 'URL_CHANGED', data: { pathname: '/embeds/dash', search: '?tab=trends' } });
  });

  test('a selector bound to a signed param is disabled and empty, and cannot change the charts', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash&p.region=South&region=North');
    const region = frame.locator(selector('region'));
    await expect(region).toBeDisabled();
    await expect(region).toHaveValue('');
    await expect(frame.locator(selector('category'))).toBeEnabled();
    await expect(frame.locator(param('region'))).toHaveText(['South', 'South']);
    await expect(frame.getByTestId('dl-row')).toHaveCount(2 + 4);
  });
});
