import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageFile, packageVersion, projectRoot } from './package-root.js';

describe('projectRoot', () => {
  it.each([
    ['the source tree', 'file:///work/app/server/core/package-root.ts', '/work/app'],
    ['the build', 'file:///work/app/dist/server/core/package-root.js', '/work/app'],
    ['the bundled CLI', 'file:///p/node_modules/datalens-mock/dist/server/cli-bundle/datalens-mock.cjs', '/p/node_modules/datalens-mock'],
    ['an installed package', 'file:///p/node_modules/datalens-mock/dist/server/core/package-root.js', '/p/node_modules/datalens-mock'],
  ])('finds the root from %s', (_name, url, root) => {
    expect(projectRoot(url)).toBe(root);
  });
});

describe('packageVersion', () => {
  it('is the version in the package.json of this package, whatever npm_package_version says', () => {
    const own = JSON.parse(readFileSync(packageFile('package.json'), 'utf8'));
    expect(own.name).toBe('datalens-mock');
    expect(packageVersion()).toBe(own.version);
  });
});
