// dlOptions.productionOrigins in a real browser: extra origins are routed like the default ones.
// The relative seed path is read from the config's folder (the repository root).
import { test, expect } from 'datalens-mock/playwright';

const SEED = 'e2e/testkit/seed.yaml';

test.use({ dlOptions: { seed: SEED, productionOrigins: ['https://datalens.ru/', 'https://datalens.example.test'] } });

test('both origins serve this test namespace, and links can use either', async ({ page, dl }) => {
  expect(dl.productionOrigins).toEqual(['https://datalens.ru', 'https://datalens.example.test']);
  for (const origin of dl.productionOrigins) {
    const frame = await dl.openEmbed(page, 'orders', { signedParams: { region: 'West' }, origin });
    await expect(frame).toHaveEffectiveParams({ region: 'West' });
    expect(await frame.locator('body').evaluate(() => location.origin)).toBe(origin);
    expect(await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region: 'East' } }))).toBe(2);
    await expect(frame).toHaveEffectiveParams({ region: 'East' });
  }
});
