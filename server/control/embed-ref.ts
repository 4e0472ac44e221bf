import type { AppContext } from '../core/context.js';

/**
 * Test-kit APIs take an embed by its embedId or by its `key` in the seed (IDs may be generated per
 * emulator or namespace; keys never change). Unknown refs pass through unchanged.
 */
export function embedIdOf(ctx: AppContext, ref: string): string {
  const seed = ctx.seed;
  return (seed && Object.hasOwn(seed.embeds, ref) ? seed.embeds[ref].embedId : undefined) ?? ref;
}
