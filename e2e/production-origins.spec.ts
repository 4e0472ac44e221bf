// Today's production hosts in a real browser (docs/fidelity.md, "Hosts and the redirect"): an app
// written from today's docs runs unchanged; an app that still frames and posts to the legacy host is
// caught, as production breaks it; the legacy host can be served directly; extra origins are routed.
// The relative seed path is read from the config's folder (the repository root).
import { test, expect } from 'datalens-mock/playwright';
import { appPage, type AppWindow } from './host-app.js';

const SEED = 'e2e/testkit/seed.yaml';

test.use({ dlOptions: { seed: SEED } });

test('an app written from today\'s docs (frames https://datalens.ru, posts to it with and without "/") works unchanged', async ({ page, dl }) => {
  expect(dl.productionOrigins).toEqual(['https://datalens.ru', 'https://datalens.yandex.cloud']);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const token = await dl.signToken({ embedId: 'orders', params: { region: 'North' } });
  await dl.hostPage(page, appPage(`https://datalens.ru/embeds/chart#dl_embed_token=${token}`));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  expect(await frame.locator('body').evaluate(() => location.origin)).toBe('https://datalens.ru');
  // The page calls the paths production pages call.
  const paths = requests.filter((u) => u.startsWith('https://datalens.ru/')).map((u) => new URL(u).pathname);
  expect(paths).toEqual(expect.arrayContaining(['/embeds/chart', '/charts/embeds/api/run']));
  expect(await dl.lastRequest({ kind: 'gateway' })).toMatchObject({ route: 'POST /charts/embeds/api/run', verdict: 'accepted' });

  let generation = 1;
  for (const [targetOrigin, region] of [['https://datalens.ru', 'South'], ['https://datalens.ru/', 'East']] as const) {
    const next = await dl.signToken({ embedId: 'orders', params: { region } });
    await page.evaluate(([t, o]) => (window as unknown as AppWindow).postToken(t, o), [next, targetOrigin]);
    await expect(frame).toHaveTokenGeneration(++generation);
    await expect(frame).toHaveEffectiveParams({ region });
  }
  expect(dl.takeDroppedPosts()).toEqual([]);
});

test('an app that frames the legacy host lands on datalens.ru (same path, query and hash), and its posts to the legacy origin are dropped, with the cause named', async ({ page, dl }) => {
  const token = await dl.signToken({ embedId: 'orders', params: { region: 'North' } });
  await dl.hostPage(page, appPage(`https://datalens.yandex.cloud/embeds/chart?_theme=light#dl_embed_token=${token}`));
  const frame = page.frameLocator('#dl');
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  const where = await frame.locator('body').evaluate(() => ({ origin: location.origin, path: location.pathname, search: location.search, hash: location.hash }));
  expect(where).toEqual({ origin: 'https://datalens.ru', path: '/embeds/chart', search: '?_theme=light', hash: `#dl_embed_token=${token}` });

  // Production drops this update: the iframe is no longer on the origin the app posts to.
  const next = await dl.signToken({ embedId: 'orders', params: { region: 'South' } });
  await page.evaluate(([t]) => (window as unknown as AppWindow).postToken(t, 'https://datalens.yandex.cloud/'), [next]);
  const error = await expect(frame)
    .toHaveTokenGeneration(2, { timeout: 1500 })
    .then(() => undefined, (e: Error) => e);
  expect(error?.message).toContain('your page posts to https://datalens.yandex.cloud/, but since 2025-10-09 the embed lives on https://datalens.ru');
  expect(error?.message).toContain("post with targetOrigin 'https://datalens.ru'");
  await expect(frame).toHaveTokenGeneration(1);
  await expect(frame).toHaveEffectiveParams({ region: 'North' });
  expect(dl.takeDroppedPosts()).toEqual([expect.objectContaining({ recipientOrigin: 'https://datalens.ru' })]);
});

test('a provisioning script the test runs, calling https://api.datalens.tech/rpc/createEmbed, reaches this test\'s emulator unchanged', async ({ page, dl }) => {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer iam-token', 'x-dl-org-id': 'org', 'x-dl-api-version': '2' };
  const res = await fetch('https://api.datalens.tech/rpc/createEmbed', {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Provisioned', embeddingSecretId: 'tksecret00001', entryId: 'tkchart000001' }),
  });
  expect(res.status).toBe(200);
  const { embedId } = (await res.json()) as { embedId: string };
  const frame = await dl.openEmbed(page, embedId, { signedParams: { region: 'West' }, origin: 'production' });
  await expect(frame).toHaveEffectiveParams({ region: 'West' });
  const bad = await fetch('https://api.datalens.tech/rpc/listEmbeds', { method: 'POST', headers: { ...headers, 'x-dl-api-version': '7' }, body: '{}' });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { code: string }).code).toBe('INVALID_API_VERSION_HEADER');
});
