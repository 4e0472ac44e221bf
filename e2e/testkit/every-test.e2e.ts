// Every test is safe: the production hosts are routed to the test's emulator (or blocked) in every test
// of datalens-mock/playwright, whether or not it names `dl`; no request ever reaches real DataLens.
import { test, expect } from 'datalens-mock/playwright';

const PROD = 'https://datalens.yandex.cloud';

test('a test that takes only { page } gets the emulator for the production URL', async ({ page }) => {
  await page.setContent(`<iframe src="${PROD}/embeds/chart#dl_embed_token=garbage" width="800" height="400"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame).toHaveEmbedStatus('error');
  await expect(frame).toHaveEmbedError('ERR.CHARTS.INVALID_TOKEN'); // DataLens's code
  await expect(frame).toHaveEmbedError('TOKEN_MALFORMED'); // the emulator's reason
});

test('a frame on the browser error page: the matchers say its URL, that it is not routed, and the error page', async ({ page }) => {
  await page.setContent('<iframe src="http://127.0.0.1:9/embeds/chart" width="800" height="400"></iframe>');
  const error = await expect(page.frameLocator('iframe'))
    .toHaveEmbedStatus('ready', { timeout: 3000 })
    .then(() => undefined, (e: Error) => e);
  expect(error?.message).toContain('The frame shows no embed status (no dl-status hook). Its URL: chrome-error://chromewebdata/');
  expect(error?.message).toContain("(the iframe's src: http://127.0.0.1:9/embeds/chart)");
  expect(error?.message).toContain('Its origin http://127.0.0.1:9 is not routed by datalens-mock');
  expect(error?.message).toContain('The browser shows its error page');
});
