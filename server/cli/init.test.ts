import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/spawn.js';
import { GITIGNORE_LINES, STARTER_DIR, initProject } from './init.js';

const project = () => mkdtempSync(join(tmpdir(), 'dlm-init-'));
const STARTER = ['datalens-mock.seed.yaml', 'e2e/embed.spec.ts', 'playwright.config.ts'];

describe('init', () => {
  it('writes the starter files and the .gitignore lines into an empty project', () => {
    const dir = project();
    const r = initProject(dir);
    expect(r.written).toEqual(STARTER);
    expect(r.skipped).toEqual([]);
    for (const f of STARTER) expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(STARTER_DIR, f), 'utf8'));
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`${GITIGNORE_LINES.join('\n')}\n`);
  });

  it('keeps files that exist and adds only the missing .gitignore lines', () => {
    const dir = project();
    writeFileSync(join(dir, 'playwright.config.ts'), 'mine');
    writeFileSync(join(dir, '.gitignore'), 'node_modules\ntest-results');
    const r = initProject(dir);
    expect(r.skipped).toEqual(['playwright.config.ts']);
    expect(r.written).toEqual(['datalens-mock.seed.yaml', 'e2e/embed.spec.ts']);
    expect(readFileSync(join(dir, 'playwright.config.ts'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\ntest-results\n.datalens-mock/\nplaywright-report/\n');
    expect(initProject(dir)).toEqual({ written: [], skipped: STARTER, ignored: [] });
  });

  it('the command says what it wrote, what it kept, and how to add the config lines by hand', async () => {
    const dir = project();
    writeFileSync(join(dir, 'playwright.config.ts'), 'mine');
    const r = await runCli(['init', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote   e2e/embed.spec.ts');
    expect(r.stdout).toContain('kept    playwright.config.ts (exists)');
    expect(r.stdout).toContain("dlOptions: { seed: 'datalens-mock.seed.yaml' }");
    expect(r.stdout).toContain('added   .datalens-mock/ test-results/ playwright-report/ to .gitignore');
  });
});

describe('--version', () => {
  it("prints the package's own version, not the calling project's npm_package_version", async () => {
    const own = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
    const r = await runCli(['--version'], { npm_package_version: '9.9.9' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(own);
  });
});
