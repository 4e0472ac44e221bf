// Production origins, dropped token updates, time travel and the diagnostics of the matchers, end to
// end in Chromium. No dlOptions here: runs once per mode (in-process / shared emulator).
import { test, expect } from 'datalens-mock/playwright';

const PROD = 'https://datalens.ru';

/** A host page that frames `src` and posts each `window.postToken(token, targetOrigin)` as an app would. */
const appPage = (src: string) => `<!doctype html><html><body>
<iframe id="dl" src="${src}" width="800" height="400"></iframe>
<script>
  window.postToken = (token, targetOrigin) =>
    document.getElementById('dl').contentWindow.postMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token }, targetOrigin);
</script></body></html>`;

test('a production link is served by the test namespace: page, assets and API under the production origin', async ({ page, dl }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const src = await dl.embedUrl('orders', { signedParams: { region: 'North' }, origin: 'production' });
  expect(src).toMatch(/^https:\/\/datalens\.ru\/embeds\/chart#dl_embed_token=/);
  await dl.hostPage(page, appPage(src));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  expect(await frame.locator('body').evaluate(() => location.origin)).toBe(PROD);
  const fromProd = requests.filter((u) => u.startsWith(PROD)).map((u) => new URL(u).pathname);
  expect(fromProd).toEqual(expect.arrayContaining(['/embeds/chart', '/embeds/static/embed.js', '/embeds/static/embed.css', '/charts/embeds/api/run']));
  expect(fromProd.some((p) => p.includes('/_ns/'))).toBe(false);
  expect(await dl.lastRequest({ kind: 'gateway' })).toMatchObject({ route: 'POST /charts/embeds/api/run', verdict: 'accepted' });
});

test("the app's own targetOrigin reaches the routed iframe, and dl.updateToken posts to the iframe's origin", async ({ page, dl }) => {
  await dl.hostPage(page, appPage(await dl.embedUrl('orders', { signedParams: { region: 'North' }, origin: PROD })));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveTokenGeneration(1);
  await page.evaluate(([t]) => (window as unknown as { postToken(t: string, o: string): void }).postToken(t, 'https://datalens.ru/'), [
    await dl.signToken({ embedId: 'orders', params: { region: 'South' } }),
  ]);
  await expect(frame).toHaveTokenGeneration(2);
  await expect(frame).toHaveEffectiveParams({ region: 'South' });
  expect(await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region: 'East' } }))).toBe(3);
  await expect(frame).toHaveEffectiveParams({ region: 'East' });
});

test('a post to the wrong targetOrigin fails the assertion with a message naming the mismatch', async ({ page, dl }) => {
  // The app was pointed at the emulator's own URL but still posts to the production origin.
  await dl.hostPage(page, appPage(await dl.embedUrl('orders', { signedParams: { region: 'North' } })));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEmbedStatus('ready');
  const token = await dl.signToken({ embedId: 'orders', params: { region: 'South' } });
  await page.evaluate(([t]) => (window as unknown as { postToken(t: string, o: string): void }).postToken(t, 'https://datalens.yandex.cloud/'), [token]);

  const error = await expect(frame)
    .toHaveTokenGeneration(2, { timeout: 1500 })
    .then(() => undefined, (e: Error) => e);
  expect(error?.message).toContain('The browser dropped 1 postMessage call(s) of the host page to the embed');
  const iframeOrigin = new URL(dl.baseUrl).origin;
  expect(error?.message).toContain(`targetOrigin 'https://datalens.yandex.cloud' does not match the iframe's origin '${iframeOrigin}'`);
  expect(error?.message).toContain(`Fix: post with targetOrigin '${iframeOrigin}/'`);
  await expect(frame).toHaveTokenGeneration(1);

  // Taken here, so the fixture does not fail the test for them at its end.
  expect(dl.takeDroppedPosts()).toEqual([
    expect.objectContaining({ targetOrigin: 'https://datalens.yandex.cloud', recipientOrigin: iframeOrigin }),
  ]);
});

test('toHaveEmbedStatus and toHaveEffectiveParams print the error code and the reason the page shows', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'orders', { ttl: 60, signedParams: { region: 'North' } });
  await expect(frame).toHaveEmbedStatus('ready');
  await dl.setClock((await dl.clock()).now + 3600);
  await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', iat: (await dl.clock()).now - 7200, ttl: 60 }));
  await expect(frame).toHaveEmbedStatus('error');

  const status = await expect(frame)
    .toHaveEmbedStatus('ready', { timeout: 300 })
    .then(() => undefined, (e: Error) => e);
  expect(status?.message).toMatch(
    /The page's status \(dl-status\): error\.\nIt shows an error:\n {2}- HTTP status 403; code ERR\.US\.ENTRY_FORBIDDEN; reason TOKEN_EXPIRED; message: The token expired \d+ s ago .*; hint: Mint a new token/,
  );
  const params = await expect(frame)
    .toHaveEffectiveParams({ region: 'North' }, { timeout: 300 })
    .then(() => undefined, (e: Error) => e);
  expect(params?.message).toContain('code ERR.US.ENTRY_FORBIDDEN; reason TOKEN_EXPIRED; message: The token expired');
  // toHaveEmbedError takes the DataLens code or the emulator's reason, and fails with the same report.
  await expect(frame).toHaveEmbedError('ERR.US.ENTRY_FORBIDDEN');
  await expect(frame).toHaveEmbedError('TOKEN_EXPIRED');
  const wrong = await expect(frame)
    .toHaveEmbedError('TOKEN_SIGNATURE_INVALID', { timeout: 300 })
    .then(() => undefined, (e: Error) => e);
  expect(wrong?.message).toContain('ERR.US.ENTRY_FORBIDDEN (TOKEN_EXPIRED)');
  expect(wrong?.message).toContain('HTTP status 403; code ERR.US.ENTRY_FORBIDDEN; reason TOKEN_EXPIRED; message: The token expired');
});

test('embedUrl and openEmbed take any token string, so the error card can be tested', async ({ page, dl }) => {
  for (const token of ['garbage', 'only.twoparts']) {
    expect(await dl.embedUrl('orders', { token })).toMatch(new RegExp(`/embeds/chart#dl_embed_token=${token.replace('.', '\\.')}$`));
    const frame = await dl.openEmbed(page, 'orders', { token });
    await expect(frame).toHaveEmbedError('ERR.CHARTS.INVALID_TOKEN');
  }
  // A malformed token for a dashboard embed still opens the dashboard page.
  expect(await dl.embedUrl('board', { token: 'garbage' })).toContain('/embeds/dash#dl_embed_token=garbage');
});

test('toHaveNoExpiredTokenRequests names the first request that used an expired token', async ({ page, dl }) => {
  const start = await dl.installClock(page, { now: 1_900_000_000 });
  const token = await dl.signToken({ embedId: 'orders', ttl: 600 });
  // A buggy app: it "refreshes" every 15 minutes by posting the token it started with.
  await dl.hostPage(
    page,
    appPage(`${PROD}/embeds/chart#dl_embed_token=${token}`).replace(
      '</script>',
      `setInterval(() => window.postToken(${JSON.stringify(token)}, 'https://datalens.ru/'), 15 * 60 * 1000);</script>`,
    ),
  );
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEmbedStatus('ready');
  await expect(dl).toHaveNoExpiredTokenRequests();

  await dl.advanceClock(page, 15 * 60);
  await expect(frame).toHaveTokenGeneration(2);
  await expect(frame).toHaveEmbedStatus('error');
  const error = await expect(dl)
    .toHaveNoExpiredTokenRequests()
    .then(() => undefined, (e: Error) => e);
  expect(error?.message).toMatch(/1 of 2 gateway request\(s\) used an expired token\. The first: journal entry #\d+, POST \/charts\/embeds\/api\/run for embed tkembed000001/);
  expect(error?.message).toContain(`at emulator clock ${start + 900} `);
  expect(error?.message).toContain(`(exp ${start + 600} = `);
  await expect(dl.assertNoExpiredTokens()).rejects.toThrow(/its token had expired/);
});

test('advanceClock runs the app timers and the emulator clock together', async ({ page, dl }) => {
  const start = await dl.installClock(page);
  await dl.hostPage(page, `<!doctype html><body><p id="t">0</p><script>
    setTimeout(() => { document.getElementById('t').textContent = String(Math.floor(Date.now() / 1000)); }, 3 * 3600 * 1000);
  </script></body>`);
  await dl.advanceClock(page, 3 * 3600 - 1);
  await expect(page.locator('#t')).toHaveText('0');
  expect(await dl.advanceClock(page, 1)).toBe(start + 3 * 3600);
  await expect(page.locator('#t')).toHaveText(String(start + 3 * 3600));
  expect((await dl.clock()).now).toBe(start + 3 * 3600);
  await expect(dl.advanceClock(page, -1)).rejects.toThrow(/seconds must be a number >= 0/);
});

test('advanceClock without installClock says what to do', async ({ page, dl }) => {
  await expect(dl.advanceClock(page, 60)).rejects.toThrow('advanceClock: call dl.installClock(page) first, before the host page loads.');
});

test('a dropped post nobody took fails the test at its end, even when every assertion passed', async ({ page, dl }) => {
  test.fail(); // expected: the fixture's own check fails this test after its body passed
  await dl.hostPage(page, appPage(await dl.embedUrl('orders')));
  await expect(page.frameLocator('#dl')).toHaveEmbedStatus('ready');
  await page.evaluate(() => (window as unknown as { postToken(t: string, o: string): void }).postToken('x', 'https://datalens.yandex.cloud/'));
  await expect.poll(() => dl.describeUntakenDroppedPosts()).toContain('does not match the iframe');
});
