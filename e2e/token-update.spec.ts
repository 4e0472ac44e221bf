import { expect, test } from '@playwright/test';
import { startHostServer, loadHostConfig } from '../client-fixtures/hosts/server.mjs';
import { createMockServer } from '../dist/server/index.js';
import { mintToken, openHost, postToEmbed } from './helpers.js';

const param = (name: string) => `[data-testid="dl-param"][data-name="${name}"]`;
const selector = (name: string) => `[data-testid="dl-selector"][data-param="${name}"]`;

test.describe('SECURE_EMBEDDING_TOKEN_UPDATE', () => {
  test('keeps selector state and applies the new signed params', async ({ page, request }) => {
    const { frame } = await openHost(page, '/dash.html?embed=dash');
    await frame.locator(selector('category')).selectOption('Software');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(frame.getByTestId('dl-row')).toHaveCount(3 + 8);

    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: await mintToken(request, 'dash', { region: 'East' }) });
    await expect(frame.getByTestId('dl-token-generation')).toHaveText('2');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(frame.locator(selector('category'))).toHaveValue('Software');
    await expect(frame.locator(selector('region'))).toBeDisabled();
    await expect(frame.locator(param('region'))).toHaveText(['East', 'East']);
    await expect(frame.locator(param('category')).first()).toHaveText('Software');
    // East + Software: one order; no monthly revenue rows for East.
    await expect(frame.getByTestId('dl-row')).toHaveCount(1);
  });

  test('keeps the tab and refreshes a chart page too', async ({ page, request }) => {
    const dash = await openHost(page, '/dash.html?embed=dash&tab=trends');
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: await mintToken(request, 'dash', { region: 'West' }) });
    await expect(dash.frame.getByTestId('dl-token-generation')).toHaveText('2');
    await expect(dash.frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(dash.frame.locator('[data-testid="dl-tab"][data-tab-id="trends"]')).toHaveAttribute('aria-selected', 'true');
    await expect(dash.frame.locator(param('region')).first()).toHaveText('West');

    const chart = await openHost(page, '/chart.html?embed=chart');
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: await mintToken(request, 'chart', { region: 'North' }) });
    await expect(chart.frame.getByTestId('dl-token-generation')).toHaveText('2');
    await expect(chart.frame.getByTestId('dl-row')).toHaveCount(2);
    await expect(chart.frame.locator(param('region'))).toHaveText('North');
  });

  test('a bad new token shows its error; a good one after it recovers', async ({ page, request }) => {
    const { frame } = await openHost(page, '/chart.html?embed=chart');
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: 'not-a-jwt' });
    await expect(frame.getByTestId('dl-error-code')).toHaveText('ERR.CHARTS.INVALID_TOKEN');
    await expect(frame.getByTestId('dl-status')).toHaveText('error');
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: await mintToken(request, 'chart') });
    await expect(frame.getByTestId('dl-token-generation')).toHaveText('3');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
    await expect(frame.getByTestId('dl-row')).toHaveCount(8);
  });

  test('ignores malformed messages and says why in the console', async ({ page }) => {
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    const { frame } = await openHost(page, '/chart.html?embed=chart');
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE' });
    await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: 42 });
    await expect.poll(() => logs.filter((l) => l.includes('[datalens-mock] ignored')).length).toBe(2);
    expect(logs.join('\n')).toContain('needs a string "token"');
    await expect(frame.getByTestId('dl-token-generation')).toHaveText('1');
    await expect(frame.getByTestId('dl-status')).toHaveText('ready');
  });
});

test.describe('allowed parent origins', () => {
  test('a token update from an origin that is not allowed is ignored', async ({ page, request }) => {
    const emulator = await createMockServer({ inMemory: true, quiet: true, seed: 'e2e/fixtures/seed.yaml', allowedParentOrigins: ['https://portal.example'] });
    const host = await startHostServer({ config: loadHostConfig('e2e/fixtures/hosts.json', { emulator: emulator.url }), port: 0 });
    try {
      const logs: string[] = [];
      page.on('console', (m) => logs.push(m.text()));
      const { frame } = await openHost(page, `${host.url}/chart.html?embed=chart`);
      await postToEmbed(page, { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: await mintToken(request, 'chart', { region: 'North' }) });
      await expect.poll(() => logs.join('\n')).toContain(`origin ${host.url} is not in the allowed parent origins [https://portal.example]`);
      await expect(frame.getByTestId('dl-token-generation')).toHaveText('1');
      await expect(frame.getByTestId('dl-row')).toHaveCount(8);
    } finally {
      await host.close();
      await emulator.close();
    }
  });
});
