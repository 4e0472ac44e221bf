// The `dl` fixture and matchers of datalens-mock/playwright, end to end in Chromium.
// No dlOptions here: the config runs this file once per mode (in-process / shared emulator).
import { test, expect } from 'datalens-mock/playwright';

test('mint, open on a host page of another origin, update the token, read the params', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'orders', { signedParams: { region: 'North' }, params: { category: 'Books' } });
  await expect(frame).toHaveEffectiveParams({ region: 'North', category: 'Books' });
  await expect(frame.getByTestId('dl-row')).toHaveCount(1);
  expect(await dl.tokenGeneration(frame)).toBe(1);

  const generation = await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region: 'South' } }));
  expect(generation).toBe(2);
  expect(await dl.effectiveParams(frame)).toEqual({ region: 'South', category: 'Books' });
  await expect(frame.getByTestId('dl-row')).toHaveCount(1);
});

test('matchers: exact by default, partial on request, and .not', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'orders', { signedParams: { region: ['North', 'South'] }, params: { category: 'Games' } });
  await expect(frame).toHaveEffectiveParams({ region: ['North', 'South'], category: 'Games' });
  await expect(frame).toHaveEffectiveParams({ category: 'Games' }, { exact: false });
  await expect(frame).not.toHaveEffectiveParams({ category: 'Games' }, { timeout: 500 });
  await expect(frame).toHaveEmbedStatus('ready');
  await expect(frame).not.toHaveEmbedError('ERR.CHARTS.INVALID_TOKEN', { timeout: 200 });
});

test('a dashboard: params per widget, and the token update keeps the selector', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'board', { signedParams: { region: 'North' } });
  await expect(frame).toHaveEffectiveParams({ region: 'North' }, { exact: false });
  await frame.locator('[data-testid="dl-selector"][data-param="category"]').selectOption('Games');
  await expect(frame).toHaveEffectiveParams({ region: 'North', category: 'Games' }, { exact: false });

  await dl.updateToken(frame, await dl.signToken({ embedId: 'board', params: { region: 'South' } }));
  await expect(frame).toHaveEffectiveParams({ region: 'South', category: 'Games' }, { exact: false });
});

test('the journal says why each request was accepted or rejected', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'orders', { signedParams: { region: 'East' } });
  await expect(frame).toHaveEffectiveParams({ region: 'East' });
  const accepted = await dl.lastRequest({ kind: 'gateway', embedId: 'orders' });
  expect(accepted).toMatchObject({ verdict: 'accepted', entryId: 'tkchart000001', params: { effective: { region: 'East' }, rule: 'signed-wins' } });
  expect(accepted?.why).toMatch(/^Accepted: the token verified for embed tkembed000001/);
  expect(JSON.stringify(accepted)).toContain('[signature redacted]');

  await dl.addFault({ route: 'run', embedId: 'orders', times: 1, reject: 'outdated' });
  await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region: 'West' } }));
  await expect(frame).toHaveEmbedError('ERR.CHARTS.OUTDATED_DEPENDENCIES');
  const rejected = await dl.lastRequest({ verdict: 'rejected' });
  expect(rejected?.rejection).toMatchObject({ reason: 'ENTRY_NOT_IN_DEPS' });
  expect(rejected?.fault?.description).toContain('reject with ENTRY_NOT_IN_DEPS');
});

test('/_mock/ui lists the requests and opens one to show its trace', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'orders', { signedParams: { region: 'North' }, params: { region: 'South' } });
  await expect(frame).toHaveEffectiveParams({ region: 'North' });

  await page.goto(`${dl.baseUrl}/_mock/ui?kind=gateway`);
  await expect(page.getByTestId('dl-journal-row').first()).toContainText('POST /charts/embeds/api/run');
  await page.getByTestId('dl-journal-row').first().getByRole('link').click();
  await expect(page.getByTestId('dl-journal-why')).toContainText('Accepted');
  const region = page.locator('[data-testid="dl-journal-param"][data-name="region"]');
  await expect(region).toContainText('North');
  await expect(region).toContainText('South');
  await expect(page.getByTestId('dl-journal-trace-step').filter({ hasText: 'region' })).toContainText('overridden');
});

test('setClock: a token expires on the emulator clock; a fresh one brings the embed back', async ({ page, dl }) => {
  const shortLived = await dl.signToken({ embedId: 'orders', ttl: 60, params: { region: 'North' } });
  const frame = await dl.openEmbed(page, 'orders', { token: shortLived });
  await expect(frame).toHaveEffectiveParams({ region: 'North' });

  const { now } = await dl.clock();
  await dl.setClock(now + 3600);
  await dl.updateToken(frame, shortLived);
  await expect(frame).toHaveEmbedStatus('error');
  expect((await dl.lastRequest({ kind: 'gateway' }))?.rejection?.reason).toBe('TOKEN_EXPIRED');

  await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region: 'South' } }));
  await expect(frame).toHaveEffectiveParams({ region: 'South' });
});
