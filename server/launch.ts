#!/usr/bin/env node
// The `datalens-mock` executable. It runs the CLI bundled into one CommonJS file
// (dist/server/cli-bundle/datalens-mock.cjs, made by scripts/build.mjs) through V8 with the code
// cache written at build time, so that `serve` reaches its ready line sooner: most of a cold
// start is parsing and compiling JavaScript. A cache from another Node version is rejected by
// V8 and the file is compiled as usual.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'cli-bundle', 'datalens-mock.cjs');
const cacheFile = `${file}.cache`;

if (!existsSync(file)) {
  process.stderr.write(`datalens-mock: ${file} is missing; run \`npm run build\`.\n`);
  process.exit(1);
}
// The file is ASCII (the build checks it), so latin1 gives the same text, sooner than UTF-8 would.
// It is one function expression taking the parameters of a CommonJS module wrapper.
const source = readFileSync(file, 'latin1');
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new vm.Script(source, { filename: file, cachedData });
const run = script.runInThisContext() as (...args: unknown[]) => void;
const cjsModule = { exports: {} };
run(cjsModule.exports, createRequire(file), cjsModule, file, dirname(file));

// Build time only: after a demo start has compiled the hot paths, save V8's code cache.
const writeAfterMs = Number(process.env.DATALENS_MOCK_WRITE_CODE_CACHE);
if (writeAfterMs > 0) {
  setTimeout(() => {
    writeFileSync(cacheFile, script.createCachedData());
    process.exit(0);
  }, writeAfterMs);
}
