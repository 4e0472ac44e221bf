import { mkdir, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** The browser entry of the embed pages, in the source tree (server/widget/client/main.ts). */
export const WIDGET_ENTRY = 'server/widget/client/main.ts';

/** Files the bundle consists of, as served under /embeds/static/. */
export const WIDGET_FILES = ['embed.js', 'embed.css'] as const;
export type WidgetFile = (typeof WIDGET_FILES)[number];

export interface BundleOptions {
  /** The project root (the folder with package.json and server/). */
  root: string;
  /** Write into this folder (the build); without it the files are returned in memory. */
  outdir?: string;
}

/**
 * Bundles the embed page with esbuild: one ES module plus its stylesheet, for current browsers.
 * Used by scripts/build.mjs (writes dist/widget/) and, when running from TypeScript sources, by
 * the page route on first request (in memory). esbuild is a dev dependency, so it is loaded lazily.
 */
export async function bundleWidget(options: BundleOptions): Promise<Map<WidgetFile, Buffer>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: options.root,
    entryPoints: { embed: WIDGET_ENTRY },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    // No source map: its sources (server/widget/client/) are not part of the package.
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    outdir: options.outdir ?? 'dist/widget',
    write: false,
  });
  const files = new Map<WidgetFile, Buffer>();
  if (options.outdir) await mkdir(options.outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (options.outdir) await writeFile(file.path, file.contents);
    const name = basename(file.path) as WidgetFile;
    if ((WIDGET_FILES as readonly string[]).includes(name)) files.set(name, Buffer.from(file.contents));
  }
  return files;
}
