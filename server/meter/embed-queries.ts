// The embedded-query meter (docs/fidelity.md, "Limits and error views"): off unless a limit is set
// (`embedQueryLimit`). Production meters queries from private embeds per organization and month;
// the emulator counts per emulator (a namespace has its own) and per month of the emulator clock.

/** Months start at midnight Moscow time (UTC+3), as DataLens's billing dates are written [inferred]. */
const MSK_OFFSET_SEC = 3 * 3600;

/** `YYYY-MM` of a Unix time, in Moscow time. */
export function meterMonth(now: number): string {
  return new Date((now + MSK_OFFSET_SEC) * 1000).toISOString().slice(0, 7);
}

export interface MeterView {
  /** Queries allowed per month; null: the meter is off. */
  limit: number | null;
  /** Metered queries so far in `month`. */
  used: number;
  month: string;
  exceeded: boolean;
}

/**
 * Counts metered queries (every verified chart or selector run) against a monthly limit. Constant
 * memory: one counter and the month it belongs to. A new month starts from zero.
 */
export class EmbedQueryMeter {
  private month = '';
  private used = 0;

  /** The counter for `now`'s month (a new month starts from zero). */
  view(now: number, limit: number | null): MeterView {
    const month = meterMonth(now);
    const used = month === this.month ? this.used : 0;
    return { limit, used, month, exceeded: limit !== null && used >= limit };
  }

  /**
   * One metered query at `now`: counted and allowed while the month's count is under the limit; refused
   * (not counted) once it is used up. Without a limit nothing is counted.
   */
  take(now: number, limit: number | null): boolean {
    const before = this.view(now, limit);
    if (limit === null) return true;
    if (before.exceeded) return false;
    this.month = before.month;
    this.used = before.used + 1;
    return true;
  }

  /** POST /_mock/reset. */
  reset(): void {
    this.month = '';
    this.used = 0;
  }
}
