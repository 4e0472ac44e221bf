import type Database from 'better-sqlite3';

/** Named params in a chart's SQL: `:name`, `@name` or `$name`. */
const NAMED = /(?<![:\w])[:@$]([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Binds effective params by name (README, "What the emulator serves"): a string as text, a one-value array
 * as that value, a longer array as JSON text (read it with json_each), a missing param as NULL.
 */
export function bindParams(sql: string, params: Record<string, unknown>): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const m of sql.matchAll(NAMED)) {
    const name = m[1];
    const v = params[name];
    if (v === undefined || v === null) bound[name] = null;
    else if (Array.isArray(v)) bound[name] = v.length === 0 ? null : v.length === 1 ? String(v[0]) : JSON.stringify(v);
    else if (typeof v === 'number' || typeof v === 'string') bound[name] = v;
    else bound[name] = JSON.stringify(v);
  }
  return bound;
}

/** Normalises a bound param value (text or JSON array text) to a list; empty means "no filter". */
function valuesOf(p: unknown): string[] {
  if (p === null || p === undefined || p === '') return [];
  const s = String(p);
  if (s.startsWith('[')) {
    try {
      const arr = JSON.parse(s);
      if (Array.isArray(arr)) return arr.map(String).filter((x) => x !== '');
    } catch {
      /* a plain string that starts with '[' */
    }
  }
  return [s];
}

/**
 * SQL helpers for chart authors: `dl_in(column, :param)` is true when the param is empty (no
 * filter) or the column equals one of its values — so one query serves strings and arrays.
 */
export function registerSqlHelpers(db: Database.Database): void {
  db.function('dl_in', { deterministic: true }, (column: unknown, param: unknown) => {
    const values = valuesOf(param);
    return values.length === 0 || values.includes(String(column)) ? 1 : 0;
  });
}
