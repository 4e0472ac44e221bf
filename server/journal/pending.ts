/**
 * Work left to do on a journal entry: redacting and explaining cost more than serving the request,
 * so the middleware records what it needs and the journal finishes an entry only when it is read.
 * What the work reads is captured at record time and never changes afterwards. The work rides on
 * the entry itself, under a key that JSON never shows and that is gone once the entry is complete
 * (a WeakMap of the last 500 entries cost the garbage collector on every request).
 */
const PENDING = Symbol('pending journal work');

type Pending = { [PENDING]?: (() => void)[] };

export function deferFill(entry: object, fill: () => void): void {
  const e = entry as Pending;
  const list = e[PENDING];
  if (list) list.push(fill);
  else Object.defineProperty(e, PENDING, { value: [fill], writable: true, configurable: true, enumerable: false });
}

/** Runs the entry's deferred work once; later calls do nothing. */
export function completeEntry<T extends object>(entry: T): T {
  const e = entry as Pending;
  const list = e[PENDING];
  if (list) {
    e[PENDING] = undefined;
    for (const fill of list) fill();
  }
  return entry;
}
