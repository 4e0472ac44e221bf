/**
 * The emulator clock. `null` means real time; a number pins "now" (Unix seconds) and drives
 * token expiry and the by-date precedence rule (`/_mock/clock`).
 */
export class Clock {
  private fixed: number | null = null;
  private returns = 0;

  now(): number {
    return this.fixed ?? Math.floor(Date.now() / 1000);
  }

  get pinned(): number | null {
    return this.fixed;
  }

  /** How many times the clock went back to real time: what was judged on a moved clock is then stale. */
  get realTimeReturns(): number {
    return this.returns;
  }

  set(now: number | null): void {
    if (now === null && this.fixed !== null) this.returns += 1;
    this.fixed = now;
  }
}
