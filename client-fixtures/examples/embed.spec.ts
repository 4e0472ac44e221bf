import { fileURLToPath } from 'node:url';
import { test, expect } from 'datalens-mock/playwright';

// A relative seed path is read from the Playwright config's folder; this one is next to the spec.
test.use({ dlOptions: { seed: fileURLToPath(new URL('./seed.yaml', import.meta.url)) } });

test('the embed follows a token update', async ({ page, dl }) => {
  const token = await dl.signToken({ embedId: 'sales', params: { region: 'North' } });
  await dl.hostPage(page, `<iframe src="${await dl.embedUrl('sales', { token })}" width="800" height="500"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });

  await dl.updateToken(frame, await dl.signToken({ embedId: 'sales', params: { region: 'South' } }));
  await expect(frame).toHaveEffectiveParams({ region: 'South' });
});
