import type { MockServer } from '../server.js';
import type { SeededEmbed } from '../seed/load.js';
import { signEmbedToken } from '../tokens/sign.js';

/** A ready-to-open link for a seeded embed: unsigned params in the query, the token in the hash. */
export async function embedLink(baseUrl: string, embed: SeededEmbed, ttl = 36_000, now?: number): Promise<string | undefined> {
  if (!embed.privateKey) return undefined;
  const token = await signEmbedToken({ privateKey: embed.privateKey, embedId: embed.embedId, ttl, params: embed.tokenParams, now });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(embed.linkParams ?? {})) for (const x of Array.isArray(v) ? v : [v]) query.append(k, x);
  const qs = query.toString();
  return `${baseUrl}/embeds/${embed.scope === 'dash' ? 'dash' : 'chart'}${qs ? `?${qs}` : ''}#dl_embed_token=${token}`;
}

/** The text `serve --demo` prints after the ready line. */
export async function demoLinks(server: MockServer): Promise<string> {
  const now = server.ctx.clock.now();
  const lines = ['', 'Demo embeds (tokens valid for 10 hours):'];
  for (const embed of Object.values(server.seed.embeds)) {
    const link = await embedLink(server.url, embed, 36_000, now);
    if (link) lines.push('', `  ${embed.title}`, `  ${link}`);
  }
  const hostUrl = server.url.replace('127.0.0.1', 'localhost');
  lines.push('', `Host page with all demo embeds (another origin, as in production): ${hostUrl}/_mock/demo`, '');
  return lines.join('\n') + '\n';
}
