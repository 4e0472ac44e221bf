/**
 * Work left to do on a journal entry: redacting and explaining cost more than serving the request,
 * so the middleware records what it needs and the journal finishes an entry only when it is read.
 * What the work reads is captured at record time and never changes afterwards.
 */
const pending = new WeakMap<object, (() => void)[]>();

export function deferFill(entry: object, fill: () => void): void {
  const list = pending.get(entry);
  if (list) list.push(fill);
  else pending.set(entry, [fill]);
}

/** Runs the entry's deferred work once; later calls do nothing. */
export function completeEntry<T extends object>(entry: T): T {
  const list = pending.get(entry);
  if (list) {
    pending.delete(entry);
    for (const fill of list) fill();
  }
  return entry;
}
