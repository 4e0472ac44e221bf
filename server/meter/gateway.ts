import type { Clock } from '../core/clock.js';
import type { RuntimeSettings } from '../core/config.js';
import { MockError } from '../errors/catalogue.js';
import type { EmbedQueryMeter } from './embed-queries.js';

/** What the meter reads of the emulator. */
export interface MeterState {
  meter: EmbedQueryMeter;
  clock: Clock;
  settings: Pick<RuntimeSettings, 'embedQueryLimit'>;
}

/**
 * The gateway's meter step, after the token verified: `count` for a query (a chart or selector run),
 * a check only for the dash's config load. Over the limit it throws EMBED_USAGE_LIMIT_EXCEEDED, which the
 * page shows as "Embedded dashboard limit exceeded".
 */
export function meterEmbedQuery(state: MeterState, count: boolean): void {
  const limit = state.settings.embedQueryLimit;
  if (limit === null) return;
  const now = state.clock.now();
  const allowed = count ? state.meter.take(now, limit) : !state.meter.view(now, limit).exceeded;
  if (allowed) return;
  const { used, month } = state.meter.view(now, limit);
  throw new MockError('EMBED_USAGE_LIMIT_EXCEEDED', {
    message: `The monthly limit of embedded queries is used up: ${used} of ${limit} in ${month} (embedQueryLimit). DataLens shows "Embedded dashboard limit exceeded".`,
  });
}
