import { completeEntry } from './pending.js';
import type { JournalEntry, JournalFilter } from './types.js';

export const DEFAULT_JOURNAL_CAPACITY = 500;
export const DEFAULT_JOURNAL_LIMIT = 100;

/**
 * The request journal of one emulator (or one namespace): a ring buffer in memory. When full, the
 * oldest entry goes; `dropped` counts how many went. Entries are redacted and size-bounded before
 * they get here (see middleware.ts), so the memory it holds is bounded too.
 */
export class RequestJournal {
  private entries: JournalEntry[] = [];
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
   * Stores an entry and gives it the next id. The entry object itself is kept (not copied): its
   * heavy fields are filled in when it is first read (pending.ts).
   */
  record(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const stored = entry as JournalEntry;
    if (!this.enabled) return stored;
    stored.id = this.nextId++;
    this.entries.push(stored);
    const excess = this.entries.length - this.capacity;
    if (excess > 0) {
      this.entries.splice(0, excess);
      this.droppedCount += excess;
    }
    return stored;
  }

  get(id: number): JournalEntry | undefined {
    const e = this.entries.find((x) => x.id === id);
    return e && completeEntry(e);
  }

  /** The most recent matching entries, oldest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const limit = Math.max(0, Math.min(filter.limit ?? DEFAULT_JOURNAL_LIMIT, this.capacity));
    const matching = this.entries.filter((e) => matches(e, filter));
    return limit === 0 ? [] : matching.slice(-limit).map(completeEntry);
  }

  get size(): number {
    return this.entries.length;
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
    this.entries = [];
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
  if (f.since !== undefined && e.id <= f.since) return false;
  return true;
}
