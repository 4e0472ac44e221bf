// The team's real backend, unchanged, in a time-travel test (docs/production-app.md, "Your real backend"):
// team-app/server.mjs runs in its own process (Playwright's `webServer` starts it) and signs 10-minute
// tokens with jsonwebtoken on the real clock. The test moves the page's clock and the emulator's by
// 10 hours; the emulator judges each real-clock token by its age since it first saw it.
import { fileURLToPath } from 'node:url';
import { test, expect } from 'datalens-mock/playwright';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
// The URL the config's `webServer` serves the app on.
const APP = process.env.TEAM_APP_URL ?? 'http://127.0.0.1:18630';

// The app's public key and embed id (the app's backend holds the private key); the app frames datalens.ru.
test.use({ dlOptions: { seed: here('./production-app.seed.yaml'), productionOrigins: ['https://datalens.ru', 'https://datalens.yandex.cloud'] } });

test('a 10-hour refresh loop with the real backend: every token accepted', async ({ page, dl }) => {
  test.setTimeout(240_000); // 67 refreshes, each a real round trip: seconds, minutes on a loaded machine
  await dl.installClock(page); // the emulator clock and the page's, paused, at real now
  await page.goto(APP);
  const frame = page.frameLocator('#report');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });

  const started = Date.now();
  await dl.advanceClock(page, 10 * 3600); // the app refreshes every 9 minutes: 66 times
  test.info().annotations.push({ type: '10 h refresh loop', description: `${((Date.now() - started) / 1000).toFixed(1)} s of wall time` });

  await expect(frame).toHaveTokenGeneration(1 + Math.floor((10 * 3600) / 540));
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  expect(await dl.journal({ kind: 'gateway', verdict: 'rejected', limit: 500 })).toEqual([]);
  await expect(dl).toHaveNoExpiredTokenRequests();
  // Each refreshed token was judged from when the emulator first saw it, and the journal says so.
  const last = await dl.lastRequest({ kind: 'gateway' });
  expect(last?.firstSeen).toMatchObject({ lifetime: 600 });
  expect(last?.why).toContain('Judged by first sight');
});

test('a token the page keeps past its lifetime is refused', async ({ page, dl }) => {
  await dl.installClock(page);
  const first = page.waitForResponse('**/api/datalens-token');
  await page.goto(APP);
  const { token: kept } = (await (await first).json()) as { token: string };
  const frame = page.frameLocator('#report');
  await expect(frame).toHaveEmbedStatus('ready');

  // The backend goes down: the page's refreshes fail, and the iframe keeps its first token.
  await page.route('**/api/datalens-token', (route) => route.abort());
  await dl.advanceClock(page, 11 * 60);
  await dl.updateToken(frame, kept); // the iframe runs again with the token it has

  await expect(frame).toHaveEmbedError('TOKEN_EXPIRED'); // the emulator's reason, or DataLens's code:
  await expect(frame).toHaveEmbedError('ERR.US.ENTRY_FORBIDDEN');
  const refused = await dl.lastRequest({ kind: 'gateway' });
  expect(refused?.rejection?.message).toMatch(/its 600 s lifetime .* expired \d+ s ago/);
  await expect(dl).not.toHaveNoExpiredTokenRequests();
});
