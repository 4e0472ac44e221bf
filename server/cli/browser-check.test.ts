import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/spawn.js';
import { checkBrowser, nextSteps } from './browser-check.js';

const PW = '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';
const check = (o: { playwright?: boolean; installed?: boolean; system?: string; env?: NodeJS.ProcessEnv }) =>
  checkBrowser('/project', {
    env: o.env ?? {},
    playwrightChromium: () => (o.playwright === false ? undefined : PW),
    exists: (p) => (p === PW ? Boolean(o.installed) : p === o.system),
  });

describe('init: the browser step', () => {
  it.each([
    { name: "Playwright's Chromium is there: just run", o: { installed: true }, want: ['', 'Next: npx playwright test'] },
    {
      name: 'CHROMIUM_PATH is set: the starter config launches it',
      o: { env: { CHROMIUM_PATH: '/usr/bin/chromium' } },
      want: ['', 'Next: npx playwright test   (CHROMIUM_PATH=/usr/bin/chromium: the starter config launches it)'],
    },
  ])('$name', ({ o, want }) => {
    expect(nextSteps(check(o))).toEqual(want);
  });

  it('a missing browser: the download, or the system Chromium found, with the exact config line', () => {
    const text = nextSteps(check({ system: '/usr/bin/chromium' }), 'cd app && ').join('\n');
    expect(text).toContain(`Playwright's Chromium is not installed (it looks for ${PW}). Two ways forward:`);
    expect(text).toContain("  1. Download Playwright's Chromium:  cd app && npx playwright install chromium && npx playwright test");
    expect(text).toContain('  2. Use a system Chromium (found: /usr/bin/chromium), without a download:');
    expect(text).toContain('cd app && CHROMIUM_PATH=/usr/bin/chromium npx playwright test      (the starter playwright.config.ts reads CHROMIUM_PATH)');
    expect(text).toContain("under use:  launchOptions: { executablePath: '/usr/bin/chromium' }");
  });

  it('without @playwright/test: install it first, then either way', () => {
    const text = nextSteps(check({ playwright: false })).join('\n');
    expect(text).toContain('@playwright/test is not installed yet, so its browser is not either. Two ways forward:');
    expect(text).toContain('npm i -D @playwright/test && npx playwright install chromium');
    expect(text).toContain('(e.g. Debian: apt-get install chromium)');
  });

  it("asks the project's own playwright-core where its Chromium is", () => {
    // This repository has @playwright/test; a fresh folder has not.
    expect(checkBrowser(join(import.meta.dirname, '../..'), { env: {} }).playwright).toBe(true);
    expect(checkBrowser(mkdtempSync(join(tmpdir(), 'dlm-nopw-')), { env: {} }).playwright).toBe(false);
  });

  it('`init` prints the two ways forward in a project without Playwright', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlm-init-browser-'));
    const r = await runCli(['init', '--dir', dir], { CHROMIUM_PATH: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('npx playwright install chromium');
    expect(r.stdout).toContain("launchOptions: { executablePath: '");
  });
});
