import type { JournalEntry, JournalFilter } from './types.js';

export const DEFAULT_JOURNAL_CAPACITY = 500;
export const DEFAULT_JOURNAL_LIMIT = 100;

/**
 * The request journal of one emulator (or one namespace): a ring buffer in memory. When full, the
 * oldest entry goes; `dropped` counts how many went. Entries are redacted and size-bounded before
 * they get here (see middleware.ts), so the memory it holds is bounded too.
 */
export class RequestJournal {
  /** A ring: `count` entries from `start` on, oldest first; their ids are consecutive. */
  private ring: JournalEntry[] = [];
  /**
   * Beside each entry, the work left to do on it: redacting and explaining cost more than serving
   * the request, so the middleware records what it needs and an entry is finished when first read.
   * What the work reads was captured when it was recorded and never changes afterwards.
   */
  private fills: ((() => void) | undefined)[] = [];
  private start = 0;
  private count = 0;
  private nextId = 1;
  private droppedCount = 0;

  /** `enabled: false`: a journal that records nothing (`journal: false`); the middleware is then not mounted either. */
  constructor(
    readonly capacity = DEFAULT_JOURNAL_CAPACITY,
    readonly enabled = true,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`journal capacity must be a positive integer, got ${capacity}`);
  }

  /**
   * Stores an entry and gives it the next id. The entry object itself is kept (not copied); `fill`,
   * when given, completes its heavy fields the first time it is read.
   */
  record(entry: Omit<JournalEntry, 'id'>, fill?: () => void): JournalEntry {
    const stored = entry as JournalEntry;
    if (!this.enabled) return stored;
    stored.id = this.nextId++;
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.start + this.count++) % this.capacity;
    } else {
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
      this.droppedCount++;
    }
    this.ring[slot] = stored;
    this.fills[slot] = fill;
    return stored;
  }

  get(id: number): JournalEntry | undefined {
    const index = id - (this.nextId - this.count);
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.complete((this.start + index) % this.capacity);
  }

  /** The most recent matching entries, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const limit = Math.max(0, Math.min(filter.limit ?? DEFAULT_JOURNAL_LIMIT, this.capacity));
    const slots: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.capacity;
      if (matches(this.ring[slot], filter)) slots.push(slot);
    }
    return limit === 0 ? [] : slots.slice(-limit).map((slot) => this.complete(slot));
  }

  /** The entry in `slot`, its deferred work done once. */
  private complete(slot: number): JournalEntry {
    const fill = this.fills[slot];
    if (fill) {
      this.fills[slot] = undefined;
      fill();
    }
    return this.ring[slot];
  }

  get size(): number {
    return this.count;
  }

  /** How many entries were pushed out since the last clear. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The id the next entry will get (a cursor for `since`). */
  get cursor(): number {
    return this.nextId - 1;
  }

  clear(): void {
    this.ring = [];
    this.fills = [];
    this.start = 0;
    this.count = 0;
    this.droppedCount = 0;
  }
}

function matches(e: JournalEntry, f: JournalFilter): boolean {
  if (f.kind !== undefined && e.kind !== f.kind) return false;
  if (f.verdict !== undefined && e.verdict !== f.verdict) return false;
  if (f.embedId !== undefined && e.embedId !== f.embedId) return false;
  if (f.reason !== undefined && e.rejection?.reason !== f.reason) return false;
  if (f.route !== undefined && !e.route.includes(f.route)) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (f.requestId !== undefined && e.requestId !== f.requestId) return false;
  if (f.since !== undefined && e.id <= f.since) return false;
  return true;
}
