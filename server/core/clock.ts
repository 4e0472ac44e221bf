/**
 * The emulator clock. `null` means real time; a number pins "now" (Unix seconds) and drives
 * token expiry and the by-date precedence rule (`/_mock/clock`).
 */
export class Clock {
  private fixed: number | null = null;
  private returns = 0;
  private leftRealTimeAt: number | null = null;

  /** `realSeconds` reads real time (Unix seconds); tests pass their own. */
  constructor(private readonly realSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

  now(): number {
    return this.fixed ?? this.realSeconds();
  }

  get pinned(): number | null {
    return this.fixed;
  }

  /** How many times the clock went back to real time: what was judged on a moved clock is then stale. */
  get realTimeReturns(): number {
    return this.returns;
  }

  /**
   * The real time (Unix seconds) when the clock last left real time, while it is moved; `null` on
   * real time. A token signed on the real clock before that second was signed before the move.
   */
  get movedSince(): number | null {
    return this.leftRealTimeAt;
  }

  set(now: number | null): void {
    if (now === null && this.fixed !== null) this.returns += 1;
    if (now !== null && this.fixed === null) this.leftRealTimeAt = this.realSeconds();
    if (now === null) this.leftRealTimeAt = null;
    this.fixed = now;
  }
}
