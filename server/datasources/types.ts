// The one shape of tabular data every data source returns and every consumer (the gateway, the
// export, the widget) reads. Pure types and helpers: no I/O, safe to import from the browser bundle.

export type Cell = string | number | null;

export interface TableData {
  columns: string[];
  rows: Cell[][];
}

/** Columns in order of first appearance across the rows. */
export function columnsOf(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

export function objectsToTable(rows: Record<string, unknown>[], columns = columnsOf(rows)): TableData {
  return { columns, rows: rows.map((r) => columns.map((c) => toCell(r[c]))) };
}
