import { fileURLToPath } from 'node:url';
import { test, expect } from 'datalens-mock/playwright';

// A relative seed path is read from the Playwright config's folder; this one is next to the spec.
test.use({ dlOptions: { seed: fileURLToPath(new URL('./seed.yaml', import.meta.url)) } });

test('unsigned link params join the signed ones, which win', async ({ page, dl }) => {
  const frame = await dl.openEmbed(page, 'sales', { signedParams: { region: 'North' }, params: { region: 'South', category: 'Games' } });
  await expect(frame).toHaveEffectiveParams({ region: 'North', category: 'Games' });
  await expect(frame.getByTestId('dl-row')).toHaveCount(1);
});

test('a 409 "outdated" answer shows the error card, and the journal says why', async ({ page, dl }) => {
  await dl.addFault({ route: 'run', embedId: 'sales', times: 1, reject: 'outdated' });
  const frame = await dl.openEmbed(page, 'sales');
  await expect(frame).toHaveEmbedError('ERR.CHARTS.OUTDATED_DEPENDENCIES');

  const [entry] = await dl.journal({ embedId: 'sales', verdict: 'rejected' });
  expect(entry.rejection?.reason).toBe('ENTRY_NOT_IN_DEPS');
  expect(entry.why).toContain('Injected by fault');
});

test('a token past its exp on the emulator clock is refused', async ({ page, dl }) => {
  const src = await dl.embedUrl('sales', { ttl: 60 });
  await dl.setClock(new Date(Date.now() + 60 * 60 * 1000));
  await dl.hostPage(page, `<iframe src="${src}" width="800" height="500"></iframe>`);
  await expect(page.frameLocator('iframe')).toHaveEmbedStatus('error');
  expect((await dl.lastRequest({ kind: 'gateway' }))?.rejection?.reason).toBe('TOKEN_EXPIRED');
});
