import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../core/package-root.js';
import { EMBED_PAGE_ENTRY, EMBED_PAGE_FILES, bundleEmbedPage, type EmbedPageFile } from './bundle.js';

export interface EmbedPageAsset {
  body: Buffer;
  contentType: string;
  /** Short content hash, used as a cache-busting query. */
  hash: string;
}

export type EmbedPageAssets = Map<EmbedPageFile, EmbedPageAsset>;

const TYPES: Record<EmbedPageFile, string> = {
  'embed.js': 'text/javascript; charset=utf-8',
  'embed.css': 'text/css; charset=utf-8',
};

const runningFromSource = (): boolean => import.meta.url.endsWith('.ts');

async function fromDist(root: string): Promise<Map<EmbedPageFile, Buffer> | undefined> {
  const dir = join(root, 'dist', 'embed-page');
  if (!EMBED_PAGE_FILES.every((f) => existsSync(join(dir, f)))) return undefined;
  return new Map(await Promise.all(EMBED_PAGE_FILES.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

async function fromSource(root: string): Promise<Map<EmbedPageFile, Buffer> | undefined> {
  if (!existsSync(join(root, EMBED_PAGE_ENTRY))) return undefined;
  try {
    return await bundleEmbedPage({ root });
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    if (missing) return undefined;
    throw e;
  }
}

async function load(): Promise<EmbedPageAssets> {
  const root = projectRoot();
  // From TypeScript sources (vitest, tsx) bundle the current client code; from dist use the built files.
  const order = runningFromSource() ? [fromSource, fromDist] : [fromDist, fromSource];
  for (const source of order) {
    const files = await source(root);
    if (files && EMBED_PAGE_FILES.every((f) => files.has(f))) {
      const assets: EmbedPageAssets = new Map();
      for (const [name, body] of files) {
        assets.set(name, { body, contentType: TYPES[name], hash: createHash('sha256').update(body).digest('hex').slice(0, 10) });
      }
      return assets;
    }
  }
  throw new Error(`The embed page bundle is missing: run "npm run build" (expected ${join(root, 'dist', 'embed-page')}).`);
}

let cached: Promise<EmbedPageAssets> | undefined;

/** The page bundle, loaded (or built) once per process on first use. */
export function embedPageAssets(): Promise<EmbedPageAssets> {
  cached ??= load().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
