import { Router } from 'express';
import type { Clock } from '../core/clock.js';
import type { SeedResult } from '../seed/result.js';
import { escapeHtml } from '../core/html.js';
import { seededEmbedLink } from '../links/seeded.js';

const esc = escapeHtml;

/** What the demo page reads: the seeded embeds (links are signed with their keys) and the clock. */
export interface DemoState {
  clock: Clock;
  seed: Pick<SeedResult, 'embeds'>;
}

/**
 * `/_mock/demo`: a host page that embeds every seeded embed in an iframe from the *other* loopback
 * name (localhost ↔ 127.0.0.1), so host and iframe are different origins, as in production.
 * Tokens are minted fresh on each load with the seed's private key.
 */
export function demoRouter(ctx: DemoState): Router {
  const router = Router();
  router.get('/demo', async (req, res) => {
    const host = req.headers.host ?? '127.0.0.1';
    const [name, port] = host.startsWith('[') ? [host, ''] : host.split(':');
    const other = name === 'localhost' ? '127.0.0.1' : 'localhost';
    const base = `${req.protocol}://${other}${port ? `:${port}` : ''}`;
    const now = ctx.clock.now();
    const frames: string[] = [];
    for (const embed of Object.values(ctx.seed.embeds)) {
      const link = await seededEmbedLink(base, embed, 3600, now);
      if (!link) continue;
      const h = embed.scope === 'dash' ? 720 : 380;
      frames.push(
        `<section><h2>${esc(embed.title)}</h2><p class="meta">embed <code>${embed.embedId}</code> · ${embed.scope === 'dash' ? 'dashboard' : 'chart'}` +
          `${embed.tokenParams ? ` · signed ${esc(JSON.stringify(embed.tokenParams))}` : ''}` +
          `${embed.linkParams ? ` · link ${esc(new URLSearchParams(embed.linkParams as Record<string, string>).toString())}` : ''}</p>` +
          `<iframe src="${esc(link)}" width="100%" height="${h}" frameborder="0" title="${esc(embed.title)}"></iframe></section>`,
      );
    }
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>datalens-mock demo host</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f3f4f6;color:#1f2328}
header{background:#1f2328;color:#fff;padding:14px 24px}header h1{font-size:18px;margin:0}header p{margin:4px 0 0;color:#c9d1d9}
main{max-width:1100px;margin:0 auto;padding:16px 24px}section{background:#fff;border-radius:10px;padding:12px 16px 4px;margin:0 0 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:15px;margin:0 0 2px}.meta{color:#57606a;margin:0 0 8px;font-size:12px}iframe{border:1px solid #e5e7eb;border-radius:6px;background:#fff}
code{font:12px ui-monospace,monospace}
</style></head><body><header><h1>Demo host page</h1><p>This page is served from ${esc(host)}; the embeds come from ${esc(base)}: another origin, as in production.</p></header>
<main>${frames.join('\n') || '<p>No seeded embeds with a known private key. Start with <code>datalens-mock serve --demo</code>.</p>'}</main></body></html>`);
  });
  return router;
}
