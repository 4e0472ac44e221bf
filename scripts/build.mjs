#!/usr/bin/env node
// The build: the server with tsc into dist/, then the embed page bundle with esbuild into dist/embed-page/.
//   node scripts/build.mjs            full build
//   node scripts/build.mjs --no-clean keep dist/ (faster when nothing was deleted or renamed)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundleOptions } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');

function step(label, fn) {
  const started = Date.now();
  fn();
  console.log(`build: ${label} (${Date.now() - started} ms)`);
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: failed: ${cmd} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

if (!process.argv.includes('--no-clean')) step('cleaned dist/', () => rmSync(dist, { recursive: true, force: true }));
step('server compiled (tsc -p tsconfig.build.json)', () => run(tsc, ['-p', 'tsconfig.build.json']));
step('embed page type-checked (server/embed-page/client)', () => run(tsc, ['-p', 'server/embed-page/client/tsconfig.json']));

// The bundler options live in one place, server/embed-page/bundle.ts, which the page route also uses
// when it runs from TypeScript sources.
const started = Date.now();
const { bundleEmbedPage } = await import(pathToFileURL(join(dist, 'server', 'embed-page', 'bundle.js')).href);
const files = await bundleEmbedPage({ root, outdir: join(dist, 'embed-page') });
console.log(`build: embed page bundled into dist/embed-page/ (${[...files.keys()].join(', ')}) (${Date.now() - started} ms)`);

// The CLI as one CommonJS file, run by dist/server/launch.js with a V8 code cache (see
// server/launch.ts): `serve` starts noticeably faster than from a few hundred ES modules. The
// library entry (dist/server/index.js) and its types stay the tsc output.
{
  const t = Date.now();
  const esbuild = await import('esbuild');
  const outfile = join(dist, 'server', 'cli-bundle', 'datalens-mock.cjs');
  await esbuild.build(cliBundleOptions(root, outfile));
  if (/[^\x00-\x7f]/.test(readFileSync(outfile, 'latin1'))) {
    console.error(`build: ${outfile} is not ASCII (server/launch.ts reads it as latin1)`);
    process.exit(1);
  }
  // The code cache: a demo start compiles the hot paths, then V8's cache is saved beside the file.
  const made = spawnSync(process.execPath, [join(dist, 'server', 'launch.js'), 'serve', '--in-memory', '--demo', '--port', '0', '--quiet'], {
    cwd: root,
    env: { ...process.env, DATALENS_MOCK_WRITE_CODE_CACHE: '1500' },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 60_000,
  });
  if (made.status !== 0) {
    console.error('build: failed to write the CLI code cache');
    process.exit(1);
  }
  console.log(`build: CLI bundled into dist/server/cli-bundle/ with its code cache (${Date.now() - t} ms)`);
}

// The executable named by package.json "bin".
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const bin of Object.values(pkg.bin ?? {})) if (existsSync(join(root, bin))) chmodSync(join(root, bin), 0o755);
