// Param values that are not what DataLens's docs ask for (a string or an array of strings).
// Production passes them on as they are (DataLens's own example signs a number), so by default the
// emulator does too and only warns; --strict refuses them (docs/fidelity.md, "Token rules").
// Pure, no Node imports.

export type ValueSide = 'signed' | 'unsigned';

/** A string or an array of strings: the only values DataLens's docs name. */
export const isParamValue = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

const describe = (v: unknown): string => (Array.isArray(v) ? 'an array with a non-string' : v === null ? 'null' : typeof v);

/** What filters compare a value as: its text (docs/params.md, "Values that are not strings"). */
const textOf = (v: unknown): string => (Array.isArray(v) ? JSON.stringify(v.map((x) => String(x))) : JSON.stringify(String(v)));

/** At most 100 characters of a value as JSON; a value too deep to write out is named so. */
function preview(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 100) ?? String(value);
  } catch {
    return '(too deep to show)';
  }
}

/** The warning for one value, or undefined when it is a string or an array of strings. */
export function paramValueWarning(side: ValueSide, name: string, value: unknown): string | undefined {
  if (isParamValue(value)) return undefined;
  const shown = preview(value);
  const compared = typeof value === 'object' && value !== null && !Array.isArray(value) ? '' : ` Filters compare it as ${textOf(value).slice(0, 100)}.`;
  return (
    `${side === 'signed' ? 'Signed' : 'Unsigned'} param "${name}" is ${describe(value)} ${shown}: DataLens passes it on as it is, ` +
    `but its docs ask for a string or an array of strings.${compared} --strict refuses it.`
  );
}

/** Warnings kept for one params object: a hostile body with thousands of params gets a bounded list. */
export const MAX_VALUE_WARNINGS = 20;

/** The warnings of the values of a params object (none when it is not an object), at most MAX_VALUE_WARNINGS. */
export function paramValueWarnings(side: ValueSide, params: unknown): string[] {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return [];
  const out: string[] = [];
  for (const name in params) {
    if (!Object.hasOwn(params, name)) continue;
    const w = paramValueWarning(side, name.slice(0, 100), (params as Record<string, unknown>)[name]);
    if (w && out.push(w) >= MAX_VALUE_WARNINGS) break;
  }
  return out;
}
