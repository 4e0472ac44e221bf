// Display options of the embed link (docs/embed-pages.md, "Display options") and the production
// limit view, in real Chromium. The pages open on the emulator directly, each test in a namespace
// of its own where it changes settings, so that parallel tests do not see each other's state.
import { expect, test, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { EMULATOR_URL, mintToken } from './helpers.js';

const NS = `${EMULATOR_URL}/_ns/display-e2e`;
const OPTION_NAMES = ['_theme', '_lang', '_autoupdate', '_bg_color', '_widgets_bg_color', '_no_scroll', '_opened_info', '_embedded', '_no_controls'];

/** Records the bodies of the page's run calls (what it sends as params). */
function recordRuns(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && /\/run$/.test(new URL(r.url()).pathname)) bodies.push(r.postDataJSON() as Record<string, unknown>);
  });
  return bodies;
}

const status = (page: Page) => page.getByTestId('dl-status');

// A namespace is made by a write (a GET to one that does not exist is a 404): made once, up front.
test.beforeAll(async ({ request }) => {
  const res = await request.put(`${EMULATOR_URL}/_mock/namespaces/display-e2e`);
  expect(res.ok(), await res.text()).toBe(true);
});

/**
 * Opens an embed with Playwright's clock paused before the page loads (the test alone moves time on);
 * resolves, once the page is ready, to the bodies of its run calls so far and later.
 */
async function openOnPausedClock(page: Page, request: APIRequestContext, embed: 'chart' | 'dash', query: string): Promise<Record<string, unknown>[]> {
  const runs = recordRuns(page);
  const start = new Date('2026-12-05T10:00:00Z');
  await page.clock.install({ time: start });
  await page.clock.pauseAt(new Date(start.getTime() + 1000));
  await page.goto(`${NS}/embeds/${embed}?${query}#dl_embed_token=${await mintToken(request, embed)}`);
  await expect(status(page)).toHaveText('ready');
  return runs;
}

test('a dark chart in English: dark colours, the page background, an English menu, and no option among the params', async ({ page, request }) => {
  const runs = recordRuns(page);
  const token = await mintToken(request, 'chart');
  await page.goto(`${NS}/embeds/chart?region=North&_theme=dark&_lang=en&_bg_color=1e1e1e&_opened_info=1#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('ready');

  expect(await page.evaluate(() => document.documentElement.className)).toContain('dl-theme-dark');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    card: getComputedStyle(document.querySelector('.dl-card')!).backgroundColor,
    title: getComputedStyle(document.querySelector('.dl-card__title')!).color,
  }));
  expect(colours.body).toBe('rgb(30, 30, 30)');
  expect(colours.card).toBe('rgb(30, 30, 30)');
  expect(colours.title).toBe('rgba(255, 255, 255, 0.88)');

  await page.getByTestId('dl-export').getByRole('button').first().click();
  await expect(page.locator('.dl-menu__heading')).toHaveText('Save as');
  await expect(page.locator('.dl-menu__hint')).toHaveText(['Excel workbook', 'Comma-separated values', 'Table as text']);

  // `_opened_info=1`: the params panel is open; the effective params are the link's region only.
  await expect(page.locator('details.dl-params')).toHaveAttribute('open', '');
  await expect(page.locator('[data-testid="dl-param"][data-name="region"]')).toHaveText('North');
  const shown = await page.locator('.dl-chip__name').allInnerTexts();
  for (const name of OPTION_NAMES) expect(shown).not.toContain(name);
  expect(runs.length).toBeGreaterThan(0);
  for (const body of runs) expect(Object.keys(body.params as object)).toEqual(['region']);
});

test('_lang=ru: the chart menu speaks Russian; _no_controls=1 hides it', async ({ page, request }) => {
  const token = await mintToken(request, 'chart');
  await page.goto(`${NS}/embeds/chart?_lang=ru#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('ready');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
  await page.getByTestId('dl-export').getByRole('button').first().click();
  await expect(page.locator('.dl-menu__heading')).toHaveText('Сохранить как');
  await expect(page.locator('.dl-params__title')).toHaveText('Параметры');

  await page.goto(`${NS}/embeds/chart?_no_controls=1&_theme=blue#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('ready');
  await expect(page.getByTestId('dl-export')).toBeHidden();
  // An unknown theme is ignored: the page stays light.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
});

test('a dark dashboard with its own page and widget backgrounds (screenshot)', async ({ page, request }, info) => {
  const runs = recordRuns(page);
  const token = await mintToken(request, 'dash');
  await page.goto(`${NS}/embeds/dash?region=North&_theme=dark&_lang=en&_bg_color=101418&_widgets_bg_color=26303a&_no_scroll=1#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('ready');
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    widget: getComputedStyle(document.querySelector('.dl-card--dash')!).backgroundColor,
    text: getComputedStyle(document.body).color,
    overflow: getComputedStyle(document.documentElement).overflow,
  }));
  expect(colours).toEqual({ body: 'rgb(16, 20, 24)', widget: 'rgb(38, 48, 58)', text: 'rgba(255, 255, 255, 0.88)', overflow: 'hidden' });
  await expect(page.locator('[data-testid="dl-param"][data-name="region"]').first()).toHaveText('North');
  for (const body of runs) for (const name of OPTION_NAMES) expect(Object.keys(body.params as object)).not.toContain(name);
  await page.screenshot({ path: info.outputPath('dark-dash.png'), fullPage: true });
});

test('_autoupdate refreshes a chart every 15 s (a smaller value is raised), only while the tab is visible', async ({ page, request }) => {
  const runs = await openOnPausedClock(page, request, 'chart', '_autoupdate=5');
  expect(runs).toHaveLength(1);
  expect(await page.evaluate(() => document.documentElement.dataset.dlAutoupdate)).toBe('15');

  await page.clock.runFor(14_000);
  expect(runs).toHaveLength(1);
  await page.clock.runFor(1_000);
  await expect.poll(() => runs.length).toBe(2);
  await page.clock.runFor(15_000);
  await expect.poll(() => runs.length).toBe(3);

  // Hidden: no refresh, however long; visible again: one refresh at once.
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await page.clock.runFor(120_000);
  expect(runs).toHaveLength(3);
  await setVisibility('visible');
  await expect.poll(() => runs.length).toBe(4);
  await expect(status(page)).toHaveText('ready');
});

test('_autoupdate on a dashboard: never more often than every 30 s', async ({ page, request }) => {
  const runs = await openOnPausedClock(page, request, 'dash', '_autoupdate=20');
  const first = runs.length;
  expect(first).toBeGreaterThan(0);
  await page.clock.runFor(29_000);
  expect(runs).toHaveLength(first);
  await page.clock.runFor(1_000);
  await expect.poll(() => runs.length).toBe(first * 2);
});

test('over the embedded-query limit the dash is the "Embedded dashboard limit exceeded" view, with a request id and no Retry', async ({ page, request }, info) => {
  const ns = `${EMULATOR_URL}/_ns/display-limit-e2e`;
  expect((await request.post(`${ns}/_mock/settings`, { data: { embedQueryLimit: 0 } })).status()).toBe(200);
  const token = await mintToken(request, 'dash');
  const answer = page.waitForResponse((r) => r.url().endsWith('/embedded-entry'));
  await page.goto(`${ns}/embeds/dash?_lang=en#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('error');
  const view = page.getByTestId('dl-limit-view');
  await expect(view).toBeVisible();
  await expect(view.locator('.dl-error__title')).toHaveText('Embedded dashboard limit exceeded');
  await expect(view).toContainText("administrator must add seats");
  await expect(view.getByTestId('dl-error-code')).toHaveText('ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR');
  await expect(page.getByRole('button')).toHaveCount(0);
  const requestId = (await answer).headers()['x-request-id'];
  expect(requestId).toBeTruthy();
  await expect(view.getByTestId('dl-request-id')).toHaveText(requestId);
  await page.screenshot({ path: info.outputPath('limit-view.png') });
  // The journal finds the refused request by that id.
  const journal = await (await request.get(`${ns}/_mock/journal?requestId=${encodeURIComponent(requestId)}`)).json();
  expect(journal.entries).toHaveLength(1);
  expect(journal.entries[0].rejection.reason).toBe('EMBED_USAGE_LIMIT_EXCEEDED');
  await request.post(`${ns}/_mock/reset`);
});

test('every error card shows the request id of the answer', async ({ page, request }) => {
  const token = await mintToken(request, 'chart');
  // A dashboard page with a chart token: the config load answers 400.
  const answer = page.waitForResponse((r) => r.url().endsWith('/embedded-entry'));
  await page.goto(`${NS}/embeds/dash#dl_embed_token=${token}`);
  await expect(status(page)).toHaveText('error');
  await expect(page.getByTestId('dl-request-id')).toHaveText((await answer).headers()['x-request-id']);
});
