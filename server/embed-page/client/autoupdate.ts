// `_autoupdate=<s>`: the page runs its charts again every N seconds, only while the tab is visible
// (Page Visibility API), as production does. A refresh that falls due while hidden runs once on return.

export class AutoUpdate {
  private timer = 0;
  private due = false;
  private stopped = false;
  private readonly onVisibility = () => {
    if (document.visibilityState !== 'visible' || !this.due || this.stopped) return;
    this.due = false;
    this.fire();
  };

  constructor(
    private readonly seconds: number,
    private readonly refresh: () => void,
  ) {}

  start(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  /** For good (e.g. the dash turned into the limit view). */
  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    if (!this.stopped) this.timer = window.setTimeout(() => this.tick(), this.seconds * 1000);
  }

  private tick(): void {
    if (document.visibilityState === 'hidden') {
      this.due = true;
      return;
    }
    this.fire();
  }

  private fire(): void {
    const root = document.documentElement;
    root.dataset.dlAutoupdates = String(Number(root.dataset.dlAutoupdates ?? 0) + 1);
    this.refresh();
    this.schedule();
  }
}
