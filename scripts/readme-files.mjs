// The files the README shows in full: a fenced code block right after `<!-- file: PATH -->`.
// Shared by scripts/package.test.ts (they match client-fixtures/starter/) and
// scripts/consumer-test.sh (it writes them into a fresh project and runs them).
//   node scripts/readme-files.mjs README.md OUTDIR   writes every file under OUTDIR, prints their paths

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `[{path, code}]` in README order; a marker without a code block right after it is an error. */
export function readmeFiles(markdown) {
  const files = [];
  const marker = /<!-- file: (\S+) -->\n(?:\n)?```[a-z]*\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(marker)) {
    const path = normalize(m[1]);
    if (path.startsWith('..') || path.startsWith('/')) throw new Error(`README file marker ${m[1]} leaves the project`);
    files.push({ path, code: m[2] });
  }
  const markers = markdown.match(/<!-- file: /g)?.length ?? 0;
  if (markers !== files.length) throw new Error(`README: ${markers} file markers, but only ${files.length} are followed by a code block`);
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [readme, outdir] = process.argv.slice(2);
  if (!readme || !outdir) {
    console.error('usage: node scripts/readme-files.mjs README.md OUTDIR');
    process.exit(2);
  }
  for (const f of readmeFiles(readFileSync(readme, 'utf8'))) {
    mkdirSync(dirname(join(outdir, f.path)), { recursive: true });
    writeFileSync(join(outdir, f.path), f.code);
    console.log(f.path);
  }
}
