import type { SeededEmbed } from '../seed/load.js';
import { signEmbedToken } from '../tokens/sign.js';
import { embedLink } from './embed-link.js';

/** A ready-to-open link for a seeded embed: a fresh token from the seed's private key, its link params in the query. */
export async function seededEmbedLink(baseUrl: string, embed: SeededEmbed, ttl = 36_000, now?: number): Promise<string | undefined> {
  if (!embed.privateKey) return undefined;
  const token = await signEmbedToken({ privateKey: embed.privateKey, embedId: embed.embedId, ttl, params: embed.tokenParams, now });
  return embedLink({ base: baseUrl, scope: embed.scope, params: embed.linkParams, token });
}
