// The esbuild options of the CLI bundle (dist/server/cli-bundle/datalens-mock.cjs), shared by the
// build (scripts/build.mjs) and the test that checks what the bundle carries (cli-bundle.test.ts).
import { join } from 'node:path';

/**
 * Packages left out of the bundle: loaded from node_modules by require() when first used, so each
 * must stay a dependency in package.json (or be optional and loaded only on demand).
 * - native or optional: better-sqlite3, exceljs, node-forge, esbuild, Playwright;
 * - heavy and not needed by a `serve` start: iconv-lite (body-parser requires its small core at
 *   start; its encoding tables, ~0.5 MB, load on the first request body), yaml (a YAML seed or
 *   repro loads it; server/core/yaml.ts), mime-db (a JSON file: parsed faster than compiled).
 */
export const CLI_BUNDLE_EXTERNAL = ['better-sqlite3', 'exceljs', 'node-forge', 'esbuild', '@playwright/test', 'playwright', 'playwright-core', 'iconv-lite', 'mime-db', 'yaml'];

/** The parameters of the function the bundle's text is: server/launch.ts calls it like a CommonJS module wrapper. */
const CLI_BUNDLE_PARAMS = '(function (exports, require, module, __filename, __dirname) {';

/**
 * esbuild options for the bundle of `root`'s CLI into `outfile`. The sources import zod as a
 * namespace (`import * as z from 'zod'`): only then does esbuild leave out what they do not use,
 * such as zod's ~60 message locales (cli-bundle.test.ts checks it).
 */
export function cliBundleOptions(root, outfile) {
  return {
    entryPoints: [join(root, 'server', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    keepNames: false,
    // ASCII only (launch.ts reads the file as latin1, which is faster than UTF-8 and the same text).
    charset: 'ascii',
    // No source map: the package ships dist/ only, not the TypeScript sources a map would name.
    sourcemap: false,
    external: CLI_BUNDLE_EXTERNAL,
    // The sources are ES modules: give them their own file's URL.
    define: { 'import.meta.url': '__dlmImportMetaUrl' },
    // import() of an external package becomes require(): a vm.Script has no module loader.
    supported: { 'dynamic-import': false },
    // The file is one function expression, compiled as it is (no wrapper string joined at start).
    banner: { js: `${CLI_BUNDLE_PARAMS}const __dlmImportMetaUrl = require("node:url").pathToFileURL(__filename).href;` },
    footer: { js: '\n})' },
    logLevel: 'warning',
  };
}
