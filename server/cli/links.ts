import { seededEmbedLink } from '../links/seeded.js';
import type { MockServer } from '../server.js';

/** The text `serve --demo` prints after the ready line. */
export async function demoLinks(server: MockServer): Promise<string> {
  const now = server.ctx.clock.now();
  const lines = ['', 'Demo embeds (tokens valid for 10 hours):'];
  for (const embed of Object.values(server.seed.embeds)) {
    const link = await seededEmbedLink(server.url, embed, 36_000, now);
    if (link) lines.push('', `  ${embed.title}`, `  ${link}`);
  }
  const hostUrl = server.url.replace('127.0.0.1', 'localhost');
  lines.push('', `Host page with all demo embeds (another origin, as in production): ${hostUrl}/_mock/demo`, '');
  return lines.join('\n') + '\n';
}
