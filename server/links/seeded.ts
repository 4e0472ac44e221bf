import type { Entry, Params } from '../core/types.js';
import { signEmbedToken } from '../tokens/sign.js';
import { embedLink } from './embed-link.js';

/** What a link is made from: a seeded embed (server/seed/result.ts) passes for it. */
export interface LinkableEmbed {
  embedId: string;
  scope: Entry['scope'];
  /** Without it no token can be signed, and there is no link. */
  privateKey?: string;
  tokenParams?: Params;
  linkParams?: Record<string, string | string[]>;
}

/** A ready-to-open link for a seeded embed: a fresh token from the seed's private key, its link params in the query. */
export async function seededEmbedLink(baseUrl: string, embed: LinkableEmbed, ttl = 36_000, now?: number): Promise<string | undefined> {
  if (!embed.privateKey) return undefined;
  const token = await signEmbedToken({ privateKey: embed.privateKey, embedId: embed.embedId, ttl, params: embed.tokenParams, now });
  return embedLink({ base: baseUrl, scope: embed.scope, params: embed.linkParams, token });
}
