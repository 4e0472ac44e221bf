import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { listValues } from './params.js';
import type { TableData } from './types.js';

/**
 * A chart defined by structure, as DataLens builds dashboards on a partner connection: a table of
 * the bound database, its columns (some aggregated), filters that read a param, an order and a
 * limit. The emulator writes the SQL itself: the table and every column are checked against the
 * database's own list of columns (ClickHouse's `system.columns`, SQLite's schema), quoted by the
 * engine's rules, and every param value is bound, never written into the text.
 */

const name = z.string().min(1).max(128).regex(/^[^\u0000]*$/, 'must not contain NUL');
export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'countDistinct'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const structuredQuery = z
  .object({
    table: name,
    /** A column name, or {column, aggregation, as?}; without any aggregation no GROUP BY is written. */
    columns: z
      .array(
        z.union([name, z.object({ column: name, aggregation: z.enum(AGGREGATIONS).optional(), as: name.optional() }).strict()], {
          error: `must be a column name, or {column, aggregation?, as?} with aggregation one of ${AGGREGATIONS.join(', ')}`,
        }),
      )
      .min(1, 'a chart needs at least one column'),
    /** `column` is kept where it equals one of the param's values; an empty param keeps every row. */
    filters: z.array(z.object({ column: name, param: z.string().min(1).max(128) }).strict()).optional(),
    /** By a column of the output (its `as`, or its name). */
    orderBy: z.array(z.object({ column: name, direction: z.enum(['asc', 'desc']).optional() }).strict()).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type StructuredQuery = z.infer<typeof structuredQuery>;

export interface OutputColumn {
  column: string;
  aggregation?: Aggregation;
  /** The name in the chart's output. */
  as: string;
}

const invalid = (field: string, message: string) => new MockError('PARTNER_QUERY_INVALID', { field, message });

/** The output columns, with the checks that need no database: unique output names, an order by one of them. */
export function outputColumns(q: StructuredQuery, field = 'query'): OutputColumn[] {
  const out = q.columns.map((c) => (typeof c === 'string' ? { column: c, as: c } : { column: c.column, aggregation: c.aggregation, as: c.as ?? c.column }));
  const seen = new Set<string>();
  out.forEach((c, i) => {
    if (seen.has(c.as)) throw invalid(`${field}.columns[${i}]`, `The output column ${JSON.stringify(c.as)} is given twice; name one with "as".`);
    seen.add(c.as);
  });
  q.orderBy?.forEach((o, i) => {
    if (!seen.has(o.column)) {
      throw invalid(`${field}.orderBy[${i}].column`, `orderBy names ${JSON.stringify(o.column)}, which is not a column of the chart's output (${[...seen].join(', ')}).`);
    }
  });
  return out;
}

/** The columns of its table a structured chart reads. */
export function columnsUsed(q: StructuredQuery): string[] {
  return [...new Set([...q.columns.map((c) => (typeof c === 'string' ? c : c.column)), ...(q.filters ?? []).map((f) => f.column)])];
}

/** The params a structured chart reads (its filters'). */
export function structuredParamNames(q: StructuredQuery): string[] {
  return [...new Set((q.filters ?? []).map((f) => f.param))];
}

/** One engine's way to write the query: how it quotes a name, aggregates and binds a filter's values. */
export interface SqlDialect {
  quote(name: string): string;
  aggregate(aggregation: Aggregation, column: string): string;
}

/**
 * Writes the query's SQL once its table and columns are known to exist (`columns`: the table's
 * columns, as the database lists them). Throws PARTNER_QUERY_INVALID naming what is missing.
 */
export function writeStructuredSql(
  q: StructuredQuery,
  table: { name: string; columns: string[] } | undefined,
  params: Record<string, unknown>,
  dialect: SqlDialect,
  where: string,
  field = 'query',
): { sql: string; params: Record<string, unknown> } {
  if (!table) throw invalid(`${field}.table`, `${where} has no table ${JSON.stringify(q.table)}.`);
  const known = new Set(table.columns);
  const check = (column: string, at: string) => {
    if (!known.has(column)) {
      throw invalid(at, `The table ${JSON.stringify(q.table)} of ${where} has no column ${JSON.stringify(column)} (its columns: ${table.columns.slice(0, 50).join(', ')}).`);
    }
    // Qualified by the table, so that an output alias equal to a column name (sum(qty) AS qty)
    // never stands for the column inside the expression.
    return `${dialect.quote(table.name)}.${dialect.quote(column)}`;
  };
  const out = outputColumns(q, field);
  const select = out.map((c, i) => {
    const col = check(c.column, `${field}.columns[${i}]`);
    return `${c.aggregation ? dialect.aggregate(c.aggregation, col) : col} AS ${dialect.quote(c.as)}`;
  });
  // dl_in(column, :param) is the emulator's one filter form on every backend: the values are bound.
  const bound: Record<string, unknown> = {};
  const conditions = (q.filters ?? []).map((f, i) => {
    bound[`dl_q${i}`] = listValues(params[f.param]);
    return `dl_in(${check(f.column, `${field}.filters[${i}].column`)}, :dl_q${i})`;
  });
  const grouped = out.some((c) => c.aggregation) ? out.filter((c) => !c.aggregation).map((c) => `${dialect.quote(table.name)}.${dialect.quote(c.column)}`) : [];
  let sql = `SELECT ${select.join(', ')} FROM ${dialect.quote(table.name)}`;
  if (conditions.length) sql += ` WHERE ${conditions.join(' AND ')}`;
  if (grouped.length) sql += ` GROUP BY ${grouped.join(', ')}`;
  if (q.orderBy?.length) sql += ` ORDER BY ${q.orderBy.map((o) => `${dialect.quote(o.column)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`;
  if (q.limit !== undefined) sql += ` LIMIT ${q.limit}`;
  return { sql, params: bound };
}

/** ClickHouse: a name in back quotes. One that needs an escape is refused: versions decode escapes differently. */
export const clickhouseDialect: SqlDialect = {
  quote(n) {
    if (/[`\\\u0000-\u001f\u007f]/.test(n)) {
      throw invalid('query', `The name ${JSON.stringify(n)} has a back quote, a backslash or a control character, which the emulator does not quote on ClickHouse (versions read escapes differently).`);
    }
    return `\`${n}\``;
  },
  aggregate: (a, c) => `${a === 'countDistinct' ? 'uniqExact' : a}(${c})`,
};

/** SQLite: a name in double quotes, a double quote doubled. */
export const sqliteDialect: SqlDialect = {
  quote: (n) => `"${n.replace(/"/g, '""')}"`,
  aggregate: (a, c) => (a === 'countDistinct' ? `COUNT(DISTINCT ${c})` : `${a.toUpperCase()}(${c})`),
};
