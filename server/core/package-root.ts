// Where the package itself lives (its package.json, dist/, docs/, client-fixtures/), whether it runs
// from the TypeScript sources, from dist/, from the bundled CLI or installed in node_modules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root, from a module's location in server/, dist/server/ or dist/server/cli-bundle/. */
export function projectRoot(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(new URL('.', moduleUrl));
  const parts = here.replace(/[\\/]+$/, '').split(/[\\/]/);
  const serverAt = parts.lastIndexOf('server');
  const up = parts[serverAt - 1] === 'dist' ? serverAt - 1 : serverAt;
  return parts.slice(0, up).join('/') || '/';
}

/** A file of the package, by its path inside it (`docs/doctor.md`, `client-fixtures/repros`). */
export function packageFile(path: string): string {
  return `${projectRoot()}/${path}`;
}

/** The package's own version, from the package.json beside its dist/ (not the caller's project). */
export function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
