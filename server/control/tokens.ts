import type { Request, Response } from 'express';
import * as z from 'zod';
import type { Clock } from '../core/clock.js';
import type { FirstSeenTokens } from '../gateway/first-seen.js';
import { MockError } from '../errors/catalogue.js';
import { parseBody } from '../rpc/validate.js';
import type { SeededEmbed } from '../seed/result.js';
import type { Store } from '../store/index.js';
import type { Params } from '../core/types.js';
import { signEmbedToken } from '../tokens/sign.js';
import type { MintedToken } from './minted-token.js';
import type { SeedState } from './embed-ref.js';

/** What `POST /_mock/tokens` reads: the seed's keys, the store, the clock, and the tokens it marks as minted. */
export interface TokenState extends SeedState {
  store: Store;
  clock: Clock;
  firstSeen: Pick<FirstSeenTokens, 'markMinted'>;
}

const mintBody = z
  .object({
  /** The embed: its embedId, or its `key` in the seed. */
  embedId: z.string().min(1),
  /** Signed params; default: the seed's `tokenParams` for this embed, else none. Any JSON is signed as
   * given, so a test can mint the non-string values strict mode refuses. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Lifetime in seconds (default 360, as in the official samples). Longer than 36000 is minted, then refused by the gateway. */
  ttl: z.number().int().optional(),
  /** Issue time, Unix seconds (default: the emulator clock). */
  iat: z.number().int().optional(),
  })
  .strict();

function findSeeded(seed: SeedState['seed'], ref: string): SeededEmbed | undefined {
  return seed.embeds[ref] ?? Object.values(seed.embeds).find((e) => e.embedId === ref);
}

/**
 * `POST /_mock/tokens {embedId, params?, ttl?, iat?}`: mints a token as the official samples do,
 * with the private key the emulator knows from seeding (a seed `privateKey`, or the key it generated
 * for a secret without one). Emulator-only: it lets a test, a script or curl get a valid token for a
 * seeded embed without handling keys. Keys created later over /rpc are only known to their caller.
 */
export async function mintToken(ctx: TokenState, req: Request, res: Response): Promise<void> {
  const b = parseBody(mintBody, req.body, 'POST /_mock/tokens');
  const seed = ctx.seed;
  const seeded = seed ? findSeeded(seed, b.embedId) : undefined;
  const embedId = seeded?.embedId ?? b.embedId;
  const embed = ctx.store.embeds.get(embedId);
  if (!embed) {
    throw new MockError('EMBED_NOT_FOUND', {
      field: 'embedId',
      message: `No embed ${JSON.stringify(b.embedId)} (neither an embedId nor a seed key).`,
      hint: `Seeded embeds: ${Object.keys(seed?.embeds ?? {}).join(', ') || 'none'}.`,
    });
  }
  const secret = Object.values(seed?.secrets ?? {}).find((s) => s.embeddingSecretId === embed.embeddingSecretId && s.privateKey);
  if (!secret?.privateKey) {
    throw new MockError('SECRET_NOT_FOUND', {
      status: 409,
      field: 'embedId',
      message: `The emulator does not know the private key of key ${embed.embeddingSecretId} used by embed ${embed.embedId}.`,
      hint: 'Only keys created by the seed can sign here. Sign with the privateKey that createEmbeddingSecret returned (signEmbedToken from datalens-mock), or seed the key.',
    });
  }
  const iat = b.iat ?? ctx.clock.now();
  const ttl = b.ttl ?? 360;
  const token = await signEmbedToken({ privateKey: secret.privateKey, embedId: embed.embedId, ttl, now: iat, params: (b.params ?? seeded?.tokenParams) as Params | undefined });
  ctx.firstSeen.markMinted(token);
  const entry = ctx.store.entries.get(embed.entryId);
  const minted: MintedToken = { token, embedId: embed.embedId, entryId: embed.entryId, scope: entry?.scope ?? 'widget', iat, exp: iat + ttl };
  res.json(minted);
}
