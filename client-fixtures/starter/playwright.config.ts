import { defineConfig } from '@playwright/test';
import type { DlWorkerOptions } from 'datalens-mock/playwright';

export default defineConfig<{}, DlWorkerOptions>({
  testDir: 'e2e',
  use: {
    // One in-memory emulator per worker, seeded from this file; one isolated namespace per test.
    dlOptions: { seed: 'datalens-mock.seed.yaml' },
    // A system Chromium instead of `npx playwright install chromium` (Debian CI: CHROMIUM_PATH=/usr/bin/chromium).
    launchOptions: process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] } : {},
  },
});
