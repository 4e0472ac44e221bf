// A production host left out of dlOptions.productionOrigins: every request to it is blocked, the frame
// matchers say so, and a test that reached for it fails at its end, naming the URL.
import { test, expect } from 'datalens-mock/playwright';

const PROD = 'https://datalens.yandex.cloud';

test.use({ dlOptions: { productionOrigins: ['https://datalens.example.test'] } });

test('is blocked; the frame matchers say so and name the URL', async ({ page, dl }) => {
  await page.setContent(`<iframe src="${PROD}/embeds/chart#dl_embed_token=x" width="800" height="400"></iframe>`);
  const error = await expect(page.frameLocator('iframe'))
    .toHaveEmbedStatus('ready', { timeout: 2000 })
    .then(() => undefined, (e: Error) => e);
  expect(error?.message).toContain(`Its URL: ${PROD}/embeds/chart#dl_embed_token=x.`);
  // Routed: the test's origin, and the Public API, which the fixture always routes.
  expect(error?.message).toContain(`Its origin ${PROD} is real DataLens and is NOT routed (routed: ["https://datalens.example.test","https://api.datalens.tech"]; add it to dlOptions.productionOrigins)`);
  expect(error?.message).toContain(`datalens-mock blocked ${PROD}/embeds/chart: it is real DataLens`);
  // Taken here, so that the fixture does not fail this test for them at its end.
  expect(dl.takeBlockedRequests()).toEqual([{ method: 'GET', url: `${PROD}/embeds/chart`, resourceType: 'document' }]);
});

test('a test that reached for real DataLens fails at its end, even without dl', async ({ page }) => {
  test.fail(); // expected: the fixture fails this test after its body passed, naming the URL
  await page.goto(`${PROD}/embeds/dash?x=1`);
  await expect(page.getByTestId('dl-blocked')).toContainText(`datalens-mock blocked ${PROD}/embeds/dash?x=1`);
});
