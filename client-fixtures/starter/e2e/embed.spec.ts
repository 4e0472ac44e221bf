import { test, expect } from 'datalens-mock/playwright';

test('the embed runs with the signed region and follows a token update', async ({ page, dl }) => {
  // Your backend signs the token in production; in the test, dl signs it with the seed's key. The link
  // is the production one, https://datalens.ru/embeds/chart?category=Books#dl_embed_token=…: the
  // fixture routes https://datalens.ru to this test's emulator.
  const frame = await dl.openEmbed(page, 'sales', { origin: 'https://datalens.ru', signedParams: { region: 'North' }, params: { category: 'Books' } });
  await expect(frame).toHaveEffectiveParams({ region: 'North', category: 'Books' });
  await expect(frame.getByTestId('dl-row')).toHaveCount(1);

  // As your page does before a token expires: postMessage to the iframe, targetOrigin 'https://datalens.ru'.
  await dl.updateToken(frame, await dl.signToken({ embedId: 'sales', params: { region: 'South' } }));
  await expect(frame).toHaveEffectiveParams({ region: 'South', category: 'Books' });
});
