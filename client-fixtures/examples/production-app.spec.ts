// An app that embeds DataLens exactly as the docs show, tested unchanged (docs/production-app.md):
// - the iframe `src` is the production link, https://datalens.ru/embeds/chart#dl_embed_token=…;
// - token updates go to targetOrigin 'https://datalens.ru';
// - the app's backend signs 10-hour tokens with the app's own private key and the page refreshes them
//   5 minutes before they expire, on a timer.
// The fixture routes https://datalens.ru (and the legacy https://datalens.yandex.cloud) to this test's emulator; the clock helpers run
// the timer through a day in seconds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importPKCS8, SignJWT } from 'jose';
import { test, expect, type Dl } from 'datalens-mock/playwright';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The seed imports the app's public key (a seed key with `publicKey`) and pins the embed's id,
// so the app's hardcoded embed id and its own private key work against the emulator.
test.use({ dlOptions: { seed: here('./production-app.seed.yaml') } });

const EMBED_ID = 'revenueembed1';
const TOKEN_TTL = 36_000; // 10 hours, the longest DataLens accepts
const APP_PRIVATE_KEY = readFileSync(here('./app-private-key.pem'), 'utf8');

// The host page, as the team wrote it from the docs. Nothing in it knows about the emulator.
const HOST_PAGE = `<!doctype html>
<html>
<body>
<iframe id="report" width="800" height="500" frameborder="0"></iframe>
<script>
  const iframe = document.getElementById('report');

  async function fetchToken() {
    const res = await fetch('/backend/datalens-token');
    return res.json(); // {token, exp}
  }

  function scheduleRefresh(exp) {
    // Refresh 5 minutes before the token expires.
    setTimeout(refresh, (exp - 5 * 60) * 1000 - Date.now());
  }

  async function refresh() {
    const { token, exp } = await fetchToken();
    iframe.contentWindow.postMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token }, 'https://datalens.ru');
    scheduleRefresh(exp);
  }

  fetchToken().then(({ token, exp }) => {
    iframe.src = 'https://datalens.ru/embeds/chart#dl_embed_token=' + token;
    scheduleRefresh(exp);
  });
</script>
</body>
</html>`;

/**
 * The app's backend: signs a PS256 token with the app's own key, as the official samples do. It
 * lives in the same (travelled) time as the page and the emulator: the emulator clock.
 */
async function serveBackend(page: import('@playwright/test').Page, dl: Dl, params: Record<string, string> = { region: 'North' }) {
  const key = await importPKCS8(APP_PRIVATE_KEY, 'PS256');
  let issued = 0;
  await page.route('**/backend/datalens-token', async (route) => {
    const now = (await dl.clock()).now;
    const token = await new SignJWT({ embedId: EMBED_ID, dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK', params })
      .setProtectedHeader({ alg: 'PS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_TTL)
      .sign(key);
    issued += 1;
    await route.fulfill({ json: { token, exp: now + TOKEN_TTL } });
  });
  return { issued: () => issued };
}

test('the production markup loads the embed from https://datalens.ru', async ({ page, dl }) => {
  await serveBackend(page, dl);
  await dl.hostPage(page, HOST_PAGE);
  const frame = page.frameLocator('#report');
  await expect(frame).toHaveEmbedStatus('ready');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  // Inside the iframe, the origin is the production one: the app's own targetOrigin matches it.
  expect(await frame.locator('body').evaluate(() => location.origin)).toBe('https://datalens.ru');
  // The page calls the paths production pages call.
  const run = await dl.lastRequest({ kind: 'gateway', route: '/charts/embeds/api/run' });
  expect(run).toMatchObject({ verdict: 'accepted', embedId: EMBED_ID });
});

test('the refresh loop keeps the embed on valid tokens for a whole day, in seconds', async ({ page, dl }) => {
  const start = await dl.installClock(page, { now: new Date('2026-03-02T08:00:00Z') });
  const backend = await serveBackend(page, dl);
  await dl.hostPage(page, HOST_PAGE);
  const frame = page.frameLocator('#report');
  await expect(frame).toHaveEmbedStatus('ready');
  await expect(frame).toHaveTokenGeneration(1);

  // 9 h 55 min: the first refresh fires, 5 minutes before the first token expires.
  await dl.advanceClock(page, TOKEN_TTL - 5 * 60 - 1);
  await expect(frame).toHaveTokenGeneration(1);
  await dl.advanceClock(page, 2);
  await expect(frame).toHaveTokenGeneration(2);

  // The rest of the day: one more refresh at 19 h 50 min, none after it.
  await dl.advanceClock(page, 24 * 3600 - (TOKEN_TTL - 5 * 60 + 1));
  expect((await dl.clock()).now).toBe(start + 24 * 3600);
  await expect(frame).toHaveTokenGeneration(3);
  expect(backend.issued()).toBe(3);

  // Every token the embed used was valid on the emulator clock when it was used.
  await expect(dl).toHaveNoExpiredTokenRequests();
  const runs = await dl.journal({ kind: 'gateway', route: '/charts/embeds/api/run' });
  expect(runs.map((r) => r.verdict)).toEqual(['accepted', 'accepted', 'accepted']);
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
});
