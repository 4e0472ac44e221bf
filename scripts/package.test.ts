// The package as npm would publish it (`npm pack --dry-run --json`): the docs travel with it and
// every relative link in them resolves inside it; the README's starter is the one `init` writes;
// nothing is shipped that the package must not carry.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeFiles } from './readme-files.mjs';

const root = join(import.meta.dirname, '..');
let files: Set<string>;

beforeAll(() => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  files = new Set((JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path));
}, 60_000);

/** Relative link targets of a Markdown file: `[text](target)`, without its #anchor. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.split('#')[0]);
}

const shipped = (path: string) => files.has(path) || [...files].some((f) => f.startsWith(`${path.replace(/\/$/, '')}/`));

describe('npm pack', () => {
  it('ships the README, the LICENSE and every guide in docs/', () => {
    expect(files.has('README.md')).toBe(true);
    expect(files.has('LICENSE')).toBe(true);
    expect([...files].filter((f) => f.startsWith('docs/')).length).toBeGreaterThanOrEqual(6);
  });

  it('every relative link of the shipped Markdown resolves to a shipped file', () => {
    const markdown = [...files].filter((f) => f.endsWith('.md'));
    const broken: string[] = [];
    let checked = 0;
    for (const doc of markdown) {
      for (const target of relativeLinks(readFileSync(join(root, doc), 'utf8'))) {
        checked++;
        const resolved = normalize(join(dirname(doc), decodeURI(target)));
        if (!shipped(resolved)) broken.push(`${doc}: ${target} (${resolved})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('carries no source maps, no test corpus with private keys, no test helpers', () => {
    expect([...files].filter((f) => f.endsWith('.map'))).toEqual([]);
    expect([...files].filter((f) => /corpus|server\/testing\/|[/.]test\.js$/.test(f))).toEqual([]);
  });

  it('keeps chdb (ClickHouse in process, about 540 MB) a devDependency that no shipped file loads', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.chdb).toBeDefined();
    expect({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies }.chdb).toBeUndefined();
    const loaders = [...files].filter((f) => /\.(c|m)?js$/.test(f) && /['"]chdb['"]/.test(readFileSync(join(root, f), 'utf8')));
    expect(loaders).toEqual([]);
  });

  it('package.json names the repository, its home page and where to report bugs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository.url).toContain('github.com/datalens-mock/datalens-mock');
    expect(pkg.homepage).toContain('github.com/datalens-mock/datalens-mock');
    expect(pkg.bugs.url).toContain('github.com/datalens-mock/datalens-mock/issues');
  });
});

describe('README starter', () => {
  const readme = readmeFiles(readFileSync(join(root, 'README.md'), 'utf8'));

  it('shows exactly the files `datalens-mock init` writes (client-fixtures/starter/)', () => {
    const starter = readme.filter((f) => f.path !== 'test/gateway.test.ts');
    expect(starter.map((f) => f.path).sort()).toEqual(['datalens-mock.seed.yaml', 'e2e/embed.spec.ts', 'playwright.config.ts']);
    for (const f of starter) expect(f.code, f.path).toBe(readFileSync(join(root, 'client-fixtures/starter', f.path), 'utf8'));
  });
});
