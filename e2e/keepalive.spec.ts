import { expect, test } from '@playwright/test';
import { openHost } from './helpers.js';

// The host backend mints 15-second tokens and the host page swaps each one in by postMessage
// before it expires (client-fixtures/hosts/keepalive.html). After 40 s the embed must still work.
test('a 15-second token is kept alive by the refresh host for 40 seconds with no error', async ({ page }) => {
  test.setTimeout(120_000);
  const { frame, inner } = await openHost(page, '/keepalive.html?embed=dash');

  // Record every status the page ever shows, so a brief error between refreshes cannot hide.
  await inner().evaluate(() => {
    const seen: string[] = [];
    const status = document.querySelector('[data-testid="dl-status"]')!;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
  });

  await page.waitForTimeout(40_000);

  // Interact at the end: the selector change runs every widget again with the current token.
  await frame.locator('[data-testid="dl-selector"][data-param="region"]').selectOption('South');
  await expect(frame.getByTestId('dl-status')).toHaveText('ready');
  await expect(frame.getByTestId('dl-row')).toHaveCount(2 + 4);
  await expect(frame.getByTestId('dl-error-code')).toHaveCount(0);

  // Every refresh the host made was applied by the page (1 token from the link + one per refresh).
  const generation = async () => Number(await frame.getByTestId('dl-token-generation').textContent());
  const refreshes = async () => Number(await page.getByTestId('host-refreshes').textContent());
  expect(await generation()).toBeGreaterThanOrEqual(4);
  await expect.poll(async () => (await generation()) - (await refreshes())).toBe(1);
  const seen = await inner().evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
  expect(seen).not.toContain('error');
  expect(seen).toContain('ready');
});
