/**
 * The emulator clock. `null` means real time; a number pins "now" (Unix seconds) and drives
 * token expiry and the by-date precedence rule (`/_mock/clock`).
 */
export class Clock {
  private fixed: number | null = null;

  now(): number {
    return this.fixed ?? Math.floor(Date.now() / 1000);
  }

  get pinned(): number | null {
    return this.fixed;
  }

  set(now: number | null): void {
    this.fixed = now;
  }
}
