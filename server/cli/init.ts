// `datalens-mock init`: a starter for the user's project: the seed, playwright.config.ts and one
// Playwright spec (the files of client-fixtures/starter/, also shown in the README), plus the
// .gitignore lines. A file that exists is never overwritten.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { packageFile } from '../core/package-root.js';
import { checkBrowser, nextSteps } from './browser-check.js';

export const STARTER_DIR = packageFile('client-fixtures/starter');

/** What the emulator and Playwright write into a project and should not be committed. */
export const GITIGNORE_LINES = ['.datalens-mock/', 'test-results/', 'playwright-report/'];

/** The config lines to add by hand when the project already has a playwright.config.ts. */
const CONFIG_HINT = `  In playwright.config.ts, add to \`use\`:  dlOptions: { seed: 'datalens-mock.seed.yaml' }
  (type it with defineConfig<{}, DlWorkerOptions>, DlWorkerOptions from 'datalens-mock/playwright').`;

function starterFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under))
    .sort()
    .flatMap((name) => {
      const rel = under ? `${under}/${name}` : name;
      return statSync(join(dir, rel)).isDirectory() ? starterFiles(dir, rel) : [rel];
    });
}

export interface InitResult {
  written: string[];
  skipped: string[];
  /** .gitignore lines added. */
  ignored: string[];
}

/** Writes the starter into `target`, skipping files that exist; adds missing .gitignore lines. */
export function initProject(target: string, starter: string = STARTER_DIR): InitResult {
  const result: InitResult = { written: [], skipped: [], ignored: [] };
  for (const rel of starterFiles(starter)) {
    const to = join(target, rel);
    if (existsSync(to)) {
      result.skipped.push(rel);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(starter, rel), to);
    result.written.push(rel);
  }
  const gitignore = join(target, '.gitignore');
  const text = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  result.ignored = GITIGNORE_LINES.filter((l) => !present.has(l) && !present.has(l.replace(/\/$/, '')));
  if (result.ignored.length) appendFileSync(gitignore, `${text && !text.endsWith('\n') ? '\n' : ''}${result.ignored.join('\n')}\n`);
  return result;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('Write a starter into this project: a seed, playwright.config.ts, a Playwright embed test, and .gitignore lines. Existing files are kept.')
    .option('--dir <dir>', 'the project folder', '.')
    .addHelpText('after', `\nThe files it writes: ${STARTER_DIR}/\n`)
    .action((o: { dir: string }) => {
      const target = resolve(o.dir);
      const r = initProject(target);
      const out = (s: string) => process.stdout.write(`${s}\n`);
      for (const f of r.written) out(`wrote   ${f}`);
      for (const f of r.skipped) out(`kept    ${f} (exists)`);
      if (r.ignored.length) out(`added   ${r.ignored.join(' ')} to .gitignore`);
      if (r.skipped.includes('playwright.config.ts')) out(CONFIG_HINT);
      const here = relative(process.cwd(), target);
      for (const line of nextSteps(checkBrowser(target), here ? `cd ${here} && ` : '')) out(line);
    });
}
