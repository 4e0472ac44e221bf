import type { SeedResult } from '../seed/result.js';

/** What a test-kit API reads to find an embed by its seed key: what seeding created. */
export interface SeedState {
  seed: Pick<SeedResult, 'embeds' | 'secrets'>;
}

/**
 * Test-kit APIs take an embed by its embedId or by its `key` in the seed (IDs may be generated per
 * emulator or namespace; keys never change). Unknown refs pass through unchanged.
 */
export function embedIdOf(ctx: SeedState, ref: string): string {
  const seed = ctx.seed;
  return (seed && Object.hasOwn(seed.embeds, ref) ? seed.embeds[ref].embedId : undefined) ?? ref;
}
