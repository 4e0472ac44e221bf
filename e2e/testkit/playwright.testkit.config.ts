// The test kit's own Playwright suite: `npx playwright test -c e2e/testkit/playwright.testkit.config.ts`
// (after `npm run build`: the specs import datalens-mock/playwright from dist/).
// - `examples`: the copy-paste examples of docs/testing.md (client-fixtures/examples/*.spec.ts);
// - `testkit`: the fixture with one in-process emulator per worker (the default mode);
// - `testkit-shared`: the same specs with both workers on ONE emulator (started below), isolated
//   only by the per-test namespaces. Two workers, fully parallel: cross-talk would fail the specs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { DlWorkerOptions } from 'datalens-mock/playwright';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHARED_PORT = Number(process.env.DL_TESTKIT_SHARED_PORT ?? 18620);
const SHARED_URL = `http://127.0.0.1:${SHARED_PORT}`;
const TEAM_APP_PORT = Number(process.env.TEAM_APP_PORT ?? 18630);
process.env.TEAM_APP_URL ??= `http://127.0.0.1:${TEAM_APP_PORT}`;
const root = fileURLToPath(new URL('../..', import.meta.url));
const seed = fileURLToPath(new URL('./seed.yaml', import.meta.url));

// DlWorkerOptions types `use.dlOptions` (and each project's), as a user's config would.
export default defineConfig<{}, DlWorkerOptions>({
  outputDir: `${root}/test-results/testkit`,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: Number(process.env.DL_TESTKIT_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'examples', testDir: `${root}/client-fixtures/examples`, testMatch: '*.spec.ts' },
    { name: 'testkit', testDir: '.', testMatch: '*.e2e.ts', use: { dlOptions: { seed } } },
    { name: 'testkit-shared', testDir: '.', testMatch: '*.e2e.ts', use: { dlOptions: { url: SHARED_URL } } },
  ],
  webServer: [
    {
      command: `node dist/server/launch.js serve --in-memory --port ${SHARED_PORT} --seed ${seed} --quiet`,
      cwd: root,
      url: `${SHARED_URL}/_mock/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The team's app of client-fixtures/examples/real-backend.spec.ts: its own process, on the real clock.
      command: 'node client-fixtures/examples/team-app/server.mjs',
      cwd: root,
      env: { PORT: String(TEAM_APP_PORT) },
      url: `http://127.0.0.1:${TEAM_APP_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
