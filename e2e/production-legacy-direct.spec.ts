// dlOptions.legacyRedirect: false serves the legacy host directly, as production did before 2025-10-09
// (docs/fidelity.md, "Hosts and the redirect").
// The relative seed path is read from the config's folder (the repository root).
import { test, expect } from 'datalens-mock/playwright';
import { appPage, type AppWindow } from './host-app.js';

const SEED = 'e2e/testkit/seed.yaml';

test.use({ dlOptions: { seed: SEED, legacyRedirect: false } });

test('the legacy app stays on the legacy origin and its updates arrive', async ({ page, dl }) => {
  const token = await dl.signToken({ embedId: 'orders', params: { region: 'North' } });
  await dl.hostPage(page, appPage(`https://datalens.yandex.cloud/embeds/chart#dl_embed_token=${token}`));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  expect(await frame.locator('body').evaluate(() => location.origin)).toBe('https://datalens.yandex.cloud');
  await page.evaluate(([t]) => (window as unknown as AppWindow).postToken(t, 'https://datalens.yandex.cloud/'), [await dl.signToken({ embedId: 'orders', params: { region: 'South' } })]);
  await expect(frame).toHaveTokenGeneration(2);
  await expect(frame).toHaveEffectiveParams({ region: 'South' });
});
