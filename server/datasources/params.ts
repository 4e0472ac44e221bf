import type Database from 'better-sqlite3';
import { tokenize, type Token } from './lexer.js';

/**
 * Chart params in SQL, the same on every backend: `:name` (also `@name`, `$name`) is the effective
 * param's value, and `dl_in(column, :name)` is true when the param is empty (no filter) or the
 * column equals one of its values, so one query serves a string and an array.
 */

/** The param names a chart's SQL reads, in order of first use. */
export function paramNames(tokens: Token[]): string[] {
  return [...new Set(tokens.filter((t) => t.kind === 'param').map((t) => t.value))];
}

/**
 * The scalar value of a param: a string as itself, a one-value array as that value, a longer array
 * as JSON text (read it with dl_in, or json_each on SQLite), a missing or empty-array param as NULL.
 */
export function scalarValue(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.length === 1 ? String(v[0]) : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The values dl_in compares with: empty strings dropped; none left means "no filter". */
export function listValues(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String).filter((x) => x !== '');
}

/** Binds params by name for SQLite: every name the SQL reads gets its scalar value (NULL when missing). */
export function bindParams(names: string[], params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => [n, scalarValue(params[n])]));
}

/**
 * SQLite's `dl_in(column, :param)`: 1 when the bound param holds no value (no filter) or the column
 * equals one of its values. The bound form is the scalar one (a list arrives as JSON text).
 * Self-contained (no outside names, no named inner functions a bundler could wrap): the query
 * process runs its source text (query-process.ts).
 */
export function dlIn(column: unknown, param: unknown): 0 | 1 {
  let values: string[] = [];
  if (param !== null && param !== undefined && param !== '') {
    const s = String(param);
    values = [s];
    if (s.startsWith('[')) {
      try {
        const arr: unknown = JSON.parse(s);
        if (Array.isArray(arr)) values = arr.map(String).filter((x) => x !== '');
      } catch {
        /* a plain string that starts with '[' */
      }
    }
  }
  return values.length === 0 || values.includes(String(column)) ? 1 : 0;
}

/** Registers dl_in on a SQLite connection. */
export function registerSqlHelpers(db: Database.Database): void {
  db.function('dl_in', { deterministic: true }, dlIn);
}

/** The params a chart's SQL reads, whichever backend it runs on ([] when it cannot be read). */
export function sqlParamNames(sql: string): string[] {
  for (const dialect of ['sqlite', 'clickhouse'] as const) {
    try {
      return paramNames(tokenize(sql, dialect));
    } catch {
      /* try the other reading */
    }
  }
  return [];
}
