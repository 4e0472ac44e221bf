/** Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** Case, spaces, dashes and underscores do not count as differences. */
const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The candidate that `given` most likely meant, or undefined when none is close: the same word up
 * to case and separators, or within about a third of its length in edits (at most `maxEdits`).
 */
export function didYouMean(given: string, candidates: Iterable<string>, maxEdits = 3): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    if (c === given) continue;
    const d = loose(c) === loose(given) ? 0 : editDistance(given.toLowerCase(), c.toLowerCase());
    const limit = Math.min(maxEdits, Math.max(1, Math.floor(Math.max(c.length, given.length) / 3)));
    if (d <= limit && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

/** ` Did you mean "x"?` or an empty string. */
export function suggestion(given: string, candidates: Iterable<string>, maxEdits?: number): string {
  const s = didYouMean(given, candidates, maxEdits);
  return s === undefined ? '' : ` Did you mean ${JSON.stringify(s)}?`;
}
