// The layers of server/: no import cycle between modules (dynamic import() included), the folders
// form a DAG, nothing imports cli/, core/ imports nothing above it, and the README's layout section
// lists every folder in an order every import follows. Each rule holds twice: on the run-time graph
// (what Node loads; `import type` is erased) and on the type graph (every import, type-only ones
// included), so that no layer knows one above it even by a type.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allSpecifiers, cycles, folderGraph, folderOf, importersOf, importGraph, isTestHelper, layers, ROOT_FOLDER, runtimeSpecifiers, shipped, typeImportGraph, type ImportGraph } from './testing/import-graph.js';

const SERVER = join(import.meta.dirname, '.');
const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
const show = (found: string[][]) => found.map((c) => c.join(' → ')).join('\n');

describe('the checker', () => {
  it('reads static, re-exported, side-effect and dynamic imports, and leaves type-only ones out', async () => {
    const source = `
      import { a } from './a.js';
      import b from './b.js';
      import './c.js';
      export { d } from './d.js';
      export * from './e.js';
      const f = await import('./f.js');
      import type { T } from './type-only.js';
      import { type U, type V } from './all-type-names.js';
      export type { W } from './export-type.js';
      import { type X, y } from './g.js';
      import { OnlyAType } from './used-as-a-type-only.js';
      // import { z } from './in-a-comment.js';
      const s = "import { q } from './in-a-string.js'";
      export const used: [T, U, V, X, OnlyAType, unknown, unknown, unknown, unknown, string] = [0, 0, 0, 0, 0, a, b, f, y, s] as never;
    `;
    expect((await runtimeSpecifiers(source)).sort()).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', './g.js']);
  });

  it('reads every import for the type graph, type-only ones included, and nothing in comments or strings', () => {
    const source = `
      import { a } from './a.js';
      import type { T } from './type-only.js';
      import { type U } from "./all-type-names.js";
      export type { W } from './export-type.js';
      export * from './e.js';
      import './side.js';
      type L = typeof import('./lazy-type.js');
      const f = await import('./f.js');
      // import { z } from './in-a-comment.js';
      /* export { y } from './in-a-block-comment.js'; */
      const s = "import { q } from './in-a-string.js'";
      const t = \`export * from './in-a-template.js'\`;
    `;
    expect(allSpecifiers(source).sort()).toEqual(['./a.js', './all-type-names.js', './e.js', './export-type.js', './f.js', './lazy-type.js', './side.js', './type-only.js']);
  });

  it('finds a planted cycle made only of type imports, which the run-time graph cannot see', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlm-arch-'));
    try {
      mkdirSync(join(dir, 'core'));
      mkdirSync(join(dir, 'routes'));
      writeFileSync(join(dir, 'core/context.ts'), "import type { Handler } from '../routes/handler.js';\nexport interface Context { handler: Handler }\n");
      writeFileSync(join(dir, 'routes/handler.ts'), "import type { Context } from '../core/context.js';\nexport type Handler = (ctx: Context) => void;\n");
      expect(cycles(typeImportGraph(dir))).toEqual([['core/context.ts', 'routes/handler.ts', 'core/context.ts']]);
      expect(cycles(await importGraph(dir))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a planted module cycle, and finds none in a DAG', () => {
    const planted = graphOf({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['c/z.ts'], 'c/z.ts': ['a/x.ts'], 'd/w.ts': ['a/x.ts'] });
    expect(cycles(planted)).toEqual([['a/x.ts', 'b/y.ts', 'c/z.ts', 'a/x.ts']]);
    expect(cycles(graphOf({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['c/z.ts'], 'c/z.ts': [] }))).toEqual([]);
    expect(cycles(graphOf({ 'self.ts': ['self.ts'] }))).toEqual([['self.ts', 'self.ts']]);
  });

  it('finds two folders that import each other through different modules (no module cycle)', () => {
    const graph = graphOf({ 'a/one.ts': ['b/one.ts'], 'b/one.ts': [], 'b/two.ts': ['a/two.ts'], 'a/two.ts': [], 'top.ts': ['a/one.ts'] });
    expect(cycles(graph)).toEqual([]);
    expect(cycles(folderGraph(graph))).toEqual([['a', 'b', 'a']]);
    expect(folderOf('top.ts')).toBe('(root)');
    expect(layers(folderGraph(graphOf({ 'top.ts': ['a/x.ts'], 'a/x.ts': ['b/y.ts'], 'b/y.ts': [] })))).toEqual(['b', 'a', '(root)']);
  });

  it('lists the importers of a folder from outside it', () => {
    expect(importersOf(graphOf({ 'cli/main.ts': ['cli/serve.ts'], 'cli/serve.ts': [], 'routes/demo.ts': ['cli/serve.ts'] }), 'cli')).toEqual(['routes/demo.ts']);
  });
});

describe('server/', () => {
  let graph: ImportGraph;
  let folders: ImportGraph;
  let types: ImportGraph;
  let typeFolders: ImportGraph;
  beforeAll(async () => {
    graph = await importGraph(SERVER);
    // Test helpers (server/testing/, doctor/testing.ts) are test code: they may import the app.
    folders = folderGraph(shipped(graph));
    types = typeImportGraph(SERVER);
    typeFolders = folderGraph(shipped(types));
  });

  it('is read whole (the checker sees the modules and their imports)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('server.ts')).toContain('app.ts');
    expect(graph.get('cli/main.ts')?.size).toBeGreaterThan(0);
  });

  it('has no import cycle between modules, dynamic import() included', () => {
    expect(show(cycles(graph))).toBe('');
  });

  it('has folders that form a DAG: no two folders import each other at run time', () => {
    expect(show(cycles(folders))).toBe('');
  });

  it('has no import cycle between modules even counting type-only imports', () => {
    expect(types.size).toBe(graph.size);
    expect(show(cycles(types))).toBe('');
  });

  it('has folders that form a DAG even counting type-only imports', () => {
    expect(show(cycles(typeFolders))).toBe('');
  });

  it('has core/ as the bottom layer: it imports nothing outside it, not even a type', () => {
    const outward = [...shipped(types)].filter(([m]) => folderOf(m) === 'core').flatMap(([m, targets]) => [...targets].filter((t) => folderOf(t) !== 'core').map((t) => `${m} → ${t}`));
    expect(outward).toEqual([]);
  });

  it('ships no test helper: no module of the package imports one', () => {
    const importers = [...shipped(graph).keys()].filter((m) => [...graph.get(m)!].some(isTestHelper));
    expect(importers).toEqual([]);
  });

  it('has cli/ as the top layer: no module outside it imports it', () => {
    expect(importersOf(graph, 'cli')).toEqual([]);
  });

  it.each(['embed-link.ts', 'display-options.ts'])('keeps links/%s free of Node imports (the page bundles it)', async (file) => {
    const specs = await runtimeSpecifiers(readFileSync(join(SERVER, 'links', file), 'utf8'));
    expect(specs.filter((s) => !s.startsWith('.'))).toEqual([]);
  });

  it("is described folder by folder in the README's layout section, bottom to top", () => {
    const readme = readFileSync(join(SERVER, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Developing datalens-mock'));
    const open = section.indexOf('```');
    const block = section.slice(open, section.indexOf('```', open + 3));
    // "  name/   what it holds" is a folder; "  app.ts server.ts …" are the files directly in server/.
    const order = [...block.matchAll(/^ {2}([a-z][a-z-]*\/|[a-z-]+\.ts) /gm)].map((m) => (m[1].endsWith('/') ? m[1].slice(0, -1) : ROOT_FOLDER));
    const actual = readdirSync(SERVER).filter((name) => statSync(join(SERVER, name)).isDirectory());
    expect(actual.filter((f) => !order.includes(f))).toEqual([]);
    expect(order.filter((f) => f !== ROOT_FOLDER && !actual.includes(f))).toEqual([]);
    // Each folder imports only folders listed above it, at run time and by type.
    for (const g of [folders, typeFolders]) {
      const upward = order.flatMap((f, i) => [...(g.get(f) ?? [])].filter((t) => order.indexOf(t) > i).map((t) => `${f} → ${t}`));
      expect(upward).toEqual([]);
    }
  });
});
