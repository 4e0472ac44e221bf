// What the CLI bundle carries and what a `serve --demo` start loads: heavy packages a start does
// not use stay out of the bundle and are not required before the ready line.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../server/testing/spawn.js';
import { CLI_BUNDLE_EXTERNAL, cliBundleOptions } from './cli-bundle.mjs';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The packages a start must not load from node_modules before its ready line (module path prefixes). */
const NOT_AT_START = ['yaml/', 'iconv-lite/encodings/', 'node-forge/', 'exceljs/', 'esbuild/', '@clickhouse/'];

describe('the CLI bundle', () => {
  let inputs: string[];
  beforeAll(async () => {
    const r = await build({ ...cliBundleOptions(root, join(tmpdir(), 'dlm-cli-bundle.cjs')), write: false, metafile: true, logLevel: 'silent' });
    // The files with code in the output (metafile.inputs also lists what tree shaking dropped).
    const [output] = Object.values(r.metafile.outputs);
    inputs = Object.entries(output.inputs).flatMap(([f, v]) => (v.bytesInOutput > 0 ? [f] : []));
  }, 60_000);

  it.each([
    ['iconv-lite (its encoding tables load on the first request body)', 'node_modules/iconv-lite/'],
    ['yaml (loaded by a YAML seed or repro)', 'node_modules/yaml/'],
    ['mime-db (a JSON file, loaded by mime-types)', 'node_modules/mime-db/'],
  ])('leaves out %s', (_name, prefix) => {
    expect(inputs.filter((f) => f.startsWith(prefix))).toEqual([]);
  });

  it("carries zod's English messages only, not its other locales (zod is imported as a namespace)", () => {
    const locales = inputs.filter((f) => f.startsWith('node_modules/zod/v4/locales/'));
    expect(locales.filter((f) => !f.endsWith('/index.js'))).toEqual(['node_modules/zod/v4/locales/en.js']);
  });

  it('still carries the packages a start runs (express, zod, commander, jose)', () => {
    for (const p of ['express', 'zod', 'commander', 'jose']) expect(inputs.some((f) => f.startsWith(`node_modules/${p}/`))).toBe(true);
  });

  it('leaves out only packages that the package depends on, or loads on demand from a dev or user install', () => {
    const onDemand = new Set(['exceljs', 'esbuild', '@playwright/test', 'playwright', 'playwright-core']);
    const missing = CLI_BUNDLE_EXTERNAL.filter((p) => !onDemand.has(p) && !pkg.dependencies[p]);
    expect(missing).toEqual([]);
  });
});

/** Runs `node ARGS` until it exits (the preloads end it at the ready line); resolves with its output. */
function runUntilExit(args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ready line within 30 s:\n${text}`));
    }, 30_000);
    child.stdout.on('data', (d: Buffer) => (text += d));
    child.stderr.on('data', (d: Buffer) => (text += d));
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

/** The preload that prints `LOADED <json>` of what `seen` holds at the ready line, then exits. */
const AT_READY = `
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).includes('ready on')) {
    const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
    write('LOADED ' + JSON.stringify([...globalThis.__seen]) + '\\nBUILTINS ' + JSON.stringify(builtins) + '\\n');
    process.exit(0);
  }
  return write(chunk, ...rest);
};
`;

function loadedOf(out: string): string[] {
  const m = /LOADED (.*)/.exec(out);
  expect(m, out).not.toBeNull();
  return JSON.parse(m![1]);
}

describe('a serve --in-memory --demo start', () => {
  it(`requires none of ${NOT_AT_START.join(', ')}, nor node:https, before its ready line`, async () => {
    ensureBuilt();
    // A preload that records every file loaded from node_modules, and prints them at the ready line.
    const trace = join(mkdtempSync(join(tmpdir(), 'dlm-trace-')), 'trace.cjs');
    writeFileSync(
      trace,
      `const Module = require('node:module');
const seen = (globalThis.__seen = new Set());
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { const f = Module._resolveFilename(request, parent, isMain); if (f.includes('node_modules')) seen.add(f.replace(/\\\\/g, '/').replace(/.*node_modules\\//, '')); } catch {}
  return load.apply(this, arguments);
};
${AT_READY}`,
    );
    const out = await runUntilExit(['-r', trace, BIN, 'serve', '--in-memory', '--demo', '--port', '0', '--quiet']);
    const loaded = loadedOf(out);
    // Node's own modules: HTTPS and TLS only for --tls.
    const builtins: string[] = JSON.parse(/BUILTINS (.*)/.exec(out)![1]);
    expect(builtins).toContain('http');
    expect(builtins.filter((m) => m === 'https' || m === 'tls')).toEqual([]);
    // The tracer sees the start: the native store and the core of iconv-lite are loaded.
    expect(loaded.some((f) => f.startsWith('better-sqlite3/'))).toBe(true);
    expect(loaded.some((f) => f.startsWith('iconv-lite/lib/'))).toBe(true);
    expect(loaded.filter((f) => NOT_AT_START.some((p) => f.startsWith(p)))).toEqual([]);
  }, 60_000);
});

describe('the server modules a serve --in-memory --demo start loads (the ES modules of dist/server)', () => {
  /** Loaded on first use, never by a start: the doctor's engine, the XLSX writer, the journal's pages, explain, the TLS authority. */
  const ON_DEMAND = ['doctor/cli.js', 'doctor/clickhouse/audit.js', 'doctor/codes/index.js', 'export/xlsx.js', 'export/zip.js', 'journal/ui.js', 'params/explain.js', 'params/repro.js', 'tls/index.js'];

  it(`do not include ${ON_DEMAND.join(', ')}`, async () => {
    ensureBuilt();
    // Loader hooks that append every module of dist/server/ to a file, and a preload that ends the process at the ready line.
    const dir = mkdtempSync(join(tmpdir(), 'dlm-esm-trace-'));
    const list = join(dir, 'modules.txt');
    writeFileSync(list, '');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  const m = /\\/dist\\/server\\/(.*)$/.exec(url);
  if (m) appendFileSync(${JSON.stringify(list)}, m[1] + '\\n');
  return next(url, context);
}
`,
    );
    writeFileSync(join(dir, 'trace.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    writeFileSync(join(dir, 'ready.cjs'), `globalThis.__seen = new Set();\n${AT_READY}`);
    const out = await runUntilExit(['--import', pathToFileURL(join(dir, 'trace.mjs')).href, '--require', join(dir, 'ready.cjs'), join(root, 'dist/server/cli/main.js'), 'serve', '--in-memory', '--demo', '--port', '0', '--quiet']);
    loadedOf(out);
    const modules = readFileSync(list, 'utf8').split('\n').filter(Boolean);
    // The trace sees the start: the emulator, the app and the seed are loaded.
    expect(modules).toEqual(expect.arrayContaining(['emulator/index.js', 'app.js', 'seed/load.js']));
    expect(modules.filter((f) => ON_DEMAND.includes(f))).toEqual([]);
  }, 60_000);
});
