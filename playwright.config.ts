import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Two servers on two origins, as in production: the emulator (the DataLens side) and a host site
// (client-fixtures/hosts) that mints tokens and frames the embed. Ports can be moved with env vars.
import { EMULATOR_URL, HOST_URL } from './e2e/env.js';

const EMULATOR_PORT = new URL(EMULATOR_URL).port;
const HOST_PORT = new URL(HOST_URL).port;

/** The CLI named by package.json "bin" (built by `npm run build`). */
function cliPath(): string {
  const bin = JSON.parse(readFileSync('package.json', 'utf8')).bin?.['datalens-mock'] as string | undefined;
  return bin && (existsSync(bin) || !existsSync('dist/server/launch.js')) ? bin : 'dist/server/launch.js';
}

// Debian's Chromium (browsers cannot be downloaded here); override with CHROMIUM_PATH.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.DL_E2E_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: HOST_URL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: [
    {
      // `npm test` builds first; the build here keeps `npx playwright test` alone working on a fresh tree.
      command: `node scripts/build.mjs && node ${cliPath()} serve --in-memory --port ${EMULATOR_PORT} --seed e2e/fixtures/seed.yaml --quiet`,
      url: `${EMULATOR_URL}/_mock/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      command: `node client-fixtures/hosts/server.mjs --config e2e/fixtures/hosts.json --port ${HOST_PORT} --emulator ${EMULATOR_URL}`,
      url: `${HOST_URL}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
