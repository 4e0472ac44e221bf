// The browser step of `init`: is Playwright's Chromium there, and if not, the two ways forward (the
// download, or a system Chromium with the exact config line). Where `npx playwright install` cannot
// download (no network, a locked-down CI), a distribution's Chromium works as well.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where distributions and vendors put a Chromium (or Chrome) the tests can run. */
export const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface BrowserCheck {
  /** @playwright/test (its playwright-core) resolves from the project. */
  playwright: boolean;
  /** Where Playwright looks for its own Chromium, when it could be asked. */
  playwrightChromium?: string;
  /** Playwright's own Chromium is downloaded. */
  playwrightChromiumInstalled: boolean;
  /** CHROMIUM_PATH, when set (the starter config launches it instead). */
  chromiumPath?: string;
  /** The first system Chromium found. */
  systemChromium?: string;
}

export interface CheckEnv {
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  /** Where Playwright's Chromium would be, for the project (default: asks the project's playwright-core). */
  playwrightChromium?: (projectDir: string) => string | undefined;
}

/** Asks the project's own playwright-core where its Chromium lives; undefined when it is not installed. */
function askPlaywright(projectDir: string): string | undefined {
  try {
    const req = createRequire(join(projectDir, 'package.json'));
    const core = req(req.resolve('playwright-core')) as { chromium?: { executablePath(): string } };
    return core.chromium?.executablePath();
  } catch {
    return undefined;
  }
}

export function checkBrowser(projectDir: string, o: CheckEnv = {}): BrowserCheck {
  const env = o.env ?? process.env;
  const exists = o.exists ?? existsSync;
  const path = (o.playwrightChromium ?? askPlaywright)(projectDir);
  const chromiumPath = env.CHROMIUM_PATH || undefined;
  return {
    playwright: path !== undefined,
    playwrightChromium: path,
    playwrightChromiumInstalled: path !== undefined && exists(path),
    chromiumPath,
    systemChromium: SYSTEM_CHROMIUMS.find((p) => exists(p)),
  };
}

/** The "Next" lines `init` prints for what it found. `cd` is the prefix to run them from the project. */
export function nextSteps(check: BrowserCheck, cd = ''): string[] {
  const install = check.playwright ? '' : 'npm i -D @playwright/test && ';
  if (check.chromiumPath) return ['', `Next: ${cd}${install}npx playwright test   (CHROMIUM_PATH=${check.chromiumPath}: the starter config launches it)`];
  if (check.playwrightChromiumInstalled) return ['', `Next: ${cd}npx playwright test`];
  const system = check.systemChromium ?? '/usr/bin/chromium';
  const lines = [
    check.playwright
      ? `Playwright's Chromium is not installed (it looks for ${check.playwrightChromium}). Two ways forward:`
      : '@playwright/test is not installed yet, so its browser is not either. Two ways forward:',
    `  1. Download Playwright's Chromium:  ${cd}${install}npx playwright install chromium && npx playwright test`,
    `  2. Use a system Chromium${check.systemChromium ? ` (found: ${check.systemChromium})` : ' (e.g. Debian: apt-get install chromium)'}, without a download:`,
    `       ${cd}${install}CHROMIUM_PATH=${system} npx playwright test      (the starter playwright.config.ts reads CHROMIUM_PATH)`,
    `     or, in your own playwright.config.ts, under use:  launchOptions: { executablePath: '${system}' }`,
  ];
  return ['', ...lines];
}
