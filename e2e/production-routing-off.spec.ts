// dlOptions.productionOrigins: [] routes nothing to the emulator; real DataLens stays out of reach (blocked).
import { test, expect } from 'datalens-mock/playwright';

test.use({ dlOptions: { seed: 'e2e/testkit/seed.yaml', productionOrigins: [] } });

test('the production origin is not routed, and production links are refused with the reason', async ({ page, dl }) => {
  expect(dl.productionOrigins).toEqual([]);
  await expect(dl.embedUrl('orders', { origin: 'production' })).rejects.toThrow(/production routing is off \(dlOptions\.productionOrigins is \[\]\)/);
  // Not answered by the emulator, and never by real DataLens: the fixture blocks it and says why.
  const response = await page.goto('https://datalens.yandex.cloud/embeds/chart', { timeout: 10_000 });
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('dl-blocked')).toContainText('Production routing is off (dlOptions.productionOrigins is []).');
  expect(await page.getByTestId('dl-token-generation').count()).toBe(0);
  expect(await dl.journal()).toEqual([]);
  // Taken, so that the fixture does not fail the test for it at its end.
  expect(dl.takeBlockedRequests()).toEqual([{ method: 'GET', url: 'https://datalens.yandex.cloud/embeds/chart', resourceType: 'document' }]);
});
