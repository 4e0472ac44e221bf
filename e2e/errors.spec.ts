import { expect, test } from '@playwright/test';
import { mintToken, openHost } from './helpers.js';

test.describe('error card', () => {
  for (const [name, path, code, text] of [
    ['a garbage token', '/chart.html?embed=chart&token=garbage', 'ERR.CHARTS.INVALID_TOKEN', 'This token is not suitable for this embed'],
    ['no token at all', '/chart.html?embed=chart&token=', 'ERR.CHARTS.TOKEN_NOT_FOUND', 'The embed has no token'],
    ['a garbage token on a dash', '/dash.html?embed=dash&token=garbage', 'ERR.CHARTS.INVALID_TOKEN_FORMAT', 'Invalid token format'],
  ] as const) {
    test(`${name} shows ${code}`, async ({ page }) => {
      const { frame } = await openHost(page, path, 'error');
      await expect(frame.getByTestId('dl-error-code')).toHaveText(code);
      await expect(frame.getByRole('alert')).toContainText(text);
      await expect(frame.getByTestId('dl-row')).toHaveCount(0);
    });
  }

  test('an expired token shows the US 403 as ERR.US.ENTRY_FORBIDDEN with the reason and hint', async ({ page, request }) => {
    const token = await mintToken(request, 'chart', {}, 1);
    await new Promise((r) => setTimeout(r, 2100));
    const { frame } = await openHost(page, `/chart.html?embed=chart&token=${token}`, 'error');
    await expect(frame.getByTestId('dl-error-code')).toHaveText('ERR.US.ENTRY_FORBIDDEN');
    await expect(frame.getByRole('alert')).toContainText('This token cannot be used with the specified parameters');
    await expect(frame.getByRole('alert')).toContainText('TOKEN_EXPIRED');
    await expect(frame.getByRole('alert')).toContainText('How to fix');
  });

  test('a chart token on /embeds/dash is an invalid token', async ({ page, request }) => {
    const token = await mintToken(request, 'chart');
    const { frame } = await openHost(page, `/dash.html?embed=dash&token=${token}`, 'error');
    await expect(frame.getByTestId('dl-error-code')).toHaveText('ERR.CHARTS.INVALID_TOKEN');
  });

  test('a dash widget outside the embed depsIds shows "Embed settings expired" in the widget', async ({ page }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash-outdated', 'error');
    await expect(frame.getByTestId('dl-error-code')).toHaveText('ERR.CHARTS.OUTDATED_DEPENDENCIES');
    await expect(frame.getByText('Embed settings expired')).toBeVisible();
    // The chart that is in depsIds still draws.
    await expect(frame.getByTestId('dl-row')).toHaveCount(8);
  });
});
