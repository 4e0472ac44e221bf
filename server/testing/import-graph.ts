// The run-time import graph of server/, for the architecture test (server/architecture.test.ts).
// A test helper: not compiled into dist/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { build, transformSync, type Plugin } from 'esbuild';

/** Module path (relative to the scanned root, `/`-separated) → the modules it imports at run time. */
export type ImportGraph = Map<string, Set<string>>;

/** The folder of a module: its first path segment under server/; files directly in server/ are `(root)`. */
export const ROOT_FOLDER = '(root)';
export function folderOf(module: string): string {
  const i = module.indexOf('/');
  return i < 0 ? ROOT_FOLDER : module.slice(0, i);
}

const isTest = (file: string) => file.endsWith('.test.ts') || file.endsWith('.d.ts');

/** A test helper (server/testing/, any testing.ts): not compiled into dist/ (tsconfig.build.json). */
export const isTestHelper = (module: string) => module.startsWith('testing/') || module === 'testing.ts' || module.endsWith('/testing.ts');

/** The graph without the test helpers: the modules the package ships. */
export function shipped(graph: ImportGraph): ImportGraph {
  return new Map([...graph].filter(([m]) => !isTestHelper(m)).map(([m, targets]) => [m, new Set([...targets].filter((t) => !isTestHelper(t)))]));
}

/** Every non-test `.ts` file under `dir`, relative to it. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !isTest(name)) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * TypeScript as it runs: esbuild compiles each module to JavaScript first, which erases type-only
 * imports as the compiler does, so the import list read afterwards is the run-time one (esbuild's
 * metafile alone lists erased imports too).
 */
const compiled = (source: string) => transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
const compileTs: Plugin = {
  name: 'compile-ts',
  setup: (b) => b.onLoad({ filter: /\.ts$/ }, (args) => ({ contents: compiled(readFileSync(args.path, 'utf8')), loader: 'js' })),
};

/**
 * The relative specifiers a module imports at run time:
 * `import … from`, side-effect `import '…'`, `export … from` and `import('…')`. Type-only imports
 * (`import type`, `export type`, names used only as types) are not counted.
 */
export async function runtimeSpecifiers(source: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: compiled(source), loader: 'js', sourcefile: 'module.js' },
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [{ name: 'relative-external', setup: (b) => b.onResolve({ filter: /^\./ }, (args) => ({ path: args.path, external: true })) }],
  });
  return Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
}

/** The run-time import graph of the non-test modules under `dir` (imports of modules inside `dir` only). */
export async function importGraph(dir: string): Promise<ImportGraph> {
  const files = sourceFiles(dir);
  const result = await build({
    absWorkingDir: dir,
    entryPoints: files,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'import-graph-out',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    plugins: [compileTs],
  });
  const modules = new Set(files);
  const graph: ImportGraph = new Map(files.map((f) => [f, new Set<string>()]));
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const targets = graph.get(path);
    if (!targets) continue;
    for (const i of input.imports) if (!i.external && modules.has(i.path)) targets.add(i.path);
  }
  return graph;
}

/**
 * Every relative specifier a module names, type-only imports included: `import`, `import type`,
 * `export … from`, side-effect imports, `import('…')` (also as a type, `typeof import('…')`).
 * Comments and the insides of other strings are blanked first, so text that only looks like an
 * import is not read as one.
 */
export function allSpecifiers(source: string): string[] {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const literals = new Map<number, string>();
  let code = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    const two = source.slice(i, i + 2);
    let end = i + 1;
    if (two === '//') end = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (two === '/*') end = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"' || c === '`') {
      while (end < source.length && source[end] !== c) end += source[end] === '\\' ? 2 : 1;
      end += 1;
      // A string stays readable as a quote pair at its start; its text is kept aside by position.
      literals.set(code.length, source.slice(i + 1, end - 1));
      code += `${c}${blank(source.slice(i + 1, end - 1))}${c}`;
      i = end;
      continue;
    } else {
      code += c;
      i = end;
      continue;
    }
    code += blank(source.slice(i, end));
    i = end;
  }
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s*)?(['"])/g, /\bimport\s*\(\s*(['"])/g];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const at = (m.index ?? 0) + m[0].length - 1;
      const text = literals.get(at);
      if (text !== undefined) out.push(text);
    }
  }
  return out;
}

/** The import graph of the non-test modules under `dir`, type-only imports included. */
export function typeImportGraph(dir: string): ImportGraph {
  const files = sourceFiles(dir);
  const modules = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of allSpecifiers(readFileSync(join(dir, file), 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (modules.has(target)) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folder graph: folder → the other folders its modules import. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folders: ImportGraph = new Map();
  for (const [module, targets] of graph) {
    const from = folderOf(module);
    const set = folders.get(from) ?? new Set<string>();
    folders.set(from, set);
    for (const t of targets) if (folderOf(t) !== from) set.add(folderOf(t));
  }
  return folders;
}

/**
 * Every cycle of the graph, one per strongly connected component, each as a path that returns to
 * its start (`a → b → a`). Empty when the graph is a DAG.
 */
export function cycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const strong = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return components.map((component) => cyclePath(graph, new Set(component)));
}

/** One shortest cycle through the first (sorted) member of a strongly connected component. */
function cyclePath(graph: ImportGraph, component: Set<string>): string[] {
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** The folders bottom to top (each imports only folders before it). Only meaningful for a DAG. */
export function layers(folders: ImportGraph): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (f: string) => {
    if (done.has(f)) return;
    done.add(f);
    for (const t of [...(folders.get(f) ?? [])].sort()) visit(t);
    order.push(f);
  };
  for (const f of [...folders.keys()].sort()) visit(f);
  return order;
}

/** Modules outside `folder` that import a module inside it. */
export function importersOf(graph: ImportGraph, folder: string): string[] {
  return [...graph].filter(([m, targets]) => folderOf(m) !== folder && [...targets].some((t) => folderOf(t) === folder)).map(([m]) => m);
}
