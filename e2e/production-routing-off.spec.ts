// dlOptions.productionOrigins: [] leaves the browser's network alone.
import { test, expect } from 'datalens-mock/playwright';

test.use({ dlOptions: { seed: 'e2e/testkit/seed.yaml', productionOrigins: [] } });

test('the production origin is not routed, and production links are refused with the reason', async ({ page, dl }) => {
  expect(dl.productionOrigins).toEqual([]);
  await expect(dl.embedUrl('orders', { origin: 'production' })).rejects.toThrow(/production routing is off \(dlOptions\.productionOrigins is \[\]\)/);
  // Not answered by the emulator: without a network the name does not resolve; with one, it is not our page.
  const hooks = await page.goto('https://datalens.yandex.cloud/embeds/chart', { timeout: 10_000 }).then(
    () => page.getByTestId('dl-token-generation').count(),
    () => 0,
  );
  expect(hooks).toBe(0);
  expect(await dl.journal()).toEqual([]);
});
