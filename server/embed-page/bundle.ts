import { mkdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** The browser entry of the embed pages, in the source tree (server/embed-page/client/main.ts). */
export const EMBED_PAGE_ENTRY = 'server/embed-page/client/main.ts';

/** Files the bundle consists of, as served under /embeds/static/. */
export const EMBED_PAGE_FILES = ['embed.js', 'embed.css'] as const;
export type EmbedPageFile = (typeof EMBED_PAGE_FILES)[number];

export interface BundleOptions {
  /** The project root (the folder with package.json and server/). */
  root: string;
  /** Write into this folder (the build); without it the files are returned in memory. */
  outdir?: string;
}

/**
 * Bundles the embed page with esbuild: one ES module plus its stylesheet, for current browsers.
 * Used by scripts/build.mjs (writes dist/embed-page/) and, when running from TypeScript sources, by
 * the page route on first request (in memory). esbuild is a dev dependency, so it is loaded lazily.
 */
export async function bundleEmbedPage(options: BundleOptions): Promise<Map<EmbedPageFile, Buffer>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: options.root,
    entryPoints: { embed: EMBED_PAGE_ENTRY },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    // No source map: its sources (server/embed-page/client/) are not part of the package.
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    outdir: options.outdir ?? 'dist/embed-page',
    write: false,
  });
  const files = new Map<EmbedPageFile, Buffer>();
  if (options.outdir) await mkdir(options.outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (options.outdir) await writeFile(file.path, file.contents);
    const name = basename(file.path) as EmbedPageFile;
    if ((EMBED_PAGE_FILES as readonly string[]).includes(name)) files.set(name, Buffer.from(file.contents));
  }
  return files;
}
