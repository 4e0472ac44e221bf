// The `params` and `paramsInclude` expectations of a repro (server/params/repro.ts, docs/params.md):
// what differs between the effective params and the expected ones, one line per param.

/** `exact`: `expect.params`, these params and no others. `subset`: `expect.paramsInclude`, these among others. */
export type ParamsMatch = 'exact' | 'subset';

const show = (v: unknown) => JSON.stringify(v);
/** Values compare as JSON: a string with a string, a list with a list in the same order. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what differs, param by param, sorted by name: a param expected but missing, one whose value
 * differs, and (exact match only) one that is there but not expected. Empty when the params match.
 */
export function paramsDiff(expected: Record<string, unknown>, got: Record<string, unknown>, match: ParamsMatch): string[] {
  const field = match === 'exact' ? 'params' : 'paramsInclude';
  const lines: string[] = [];
  const names = [...new Set([...Object.keys(expected), ...(match === 'exact' ? Object.keys(got) : [])])].sort();
  let extras = 0;
  for (const name of names) {
    const wanted = Object.hasOwn(expected, name);
    const present = Object.hasOwn(got, name);
    if (wanted && !present) lines.push(`${field}.${name}: missing (expected ${show(expected[name])})`);
    else if (wanted && !same(expected[name], got[name])) lines.push(`${field}.${name}: expected ${show(expected[name])}, got ${show(got[name])}`);
    else if (!wanted) {
      const why = extras++ === 0 ? ' (params is an exact match; paramsInclude checks only the params it lists)' : '';
      lines.push(`${field}.${name}: not expected, got ${show(got[name])}${why}`);
    }
  }
  return lines;
}
