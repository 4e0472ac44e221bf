import type { ServerOptions } from '../core/config.js';
import type { MockApp, MockServer } from '../public-api.js';
import type { SeededEmbed } from '../seed/result.js';
import { createMockServer, internalsOf } from '../server.js';
import { signEmbedToken } from '../tokens/sign.js';
import { DlClient } from './client.js';

export interface Emulator extends MockServer {
  /** A client of this emulator (its root, not a namespace). */
  dl: DlClient;
}

/**
 * An in-process emulator for a test suite: in memory, quiet, on a free loopback port, seeded from
 * `seed` (a file) and/or `seedData` (objects). `close()` also closes its namespaces.
 */
export async function startEmulator(options: ServerOptions = {}): Promise<Emulator> {
  const server = await createMockServer({ port: 0, inMemory: true, quiet: true, ...options });
  const closeServer = server.close;
  return Object.assign(server, {
    dl: new DlClient(server.url),
    close: async () => {
      await server.ctx.namespaces?.closeAll();
      await closeServer();
    },
  });
}

/** A seeded embed by its seed key or embedId. */
export function seededEmbed(mock: Pick<MockApp, 'seed'>, ref: string): SeededEmbed {
  const embed = mock.seed.embeds[ref] ?? Object.values(mock.seed.embeds).find((e) => e.embedId === ref);
  if (!embed) throw new Error(`No seeded embed ${JSON.stringify(ref)}; the seed has: ${Object.keys(mock.seed.embeds).join(', ') || 'none'}.`);
  return embed;
}

/**
 * Signs a token for a seeded embed in process, with no HTTP: for supertest against `createMockApp().app`.
 * Uses the emulator clock for `iat`, and the seed's `tokenParams` when `params` is not given.
 */
export async function signFor(mock: MockApp, o: { embedId: string; params?: Record<string, unknown>; ttl?: number; iat?: number }): Promise<string> {
  const embed = seededEmbed(mock, o.embedId);
  if (!embed.privateKey) throw new Error(`The seed does not know the private key of embed ${embed.embedId}'s key.`);
  const token = await signEmbedToken({
    privateKey: embed.privateKey,
    embedId: embed.embedId,
    ttl: o.ttl,
    now: o.iat ?? mock.ctx.clock.now(),
    params: (o.params ?? embed.tokenParams) as never,
  });
  internalsOf(mock).ctx.firstSeen.markMinted(token); // on the emulator clock: never judged by first sight
  return token;
}
