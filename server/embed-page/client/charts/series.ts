// How a chart reads its `data: {columns, rows}`: which column names the categories and which hold values. Pure.

import type { Cell, TableData } from '../../../datasources/types.js';

export type { Cell };
/** The run response's `data`, the same shape every data source returns. */
export type ChartTable = TableData;

export interface SeriesLayout {
  /** Index of the category column, or -1 to label rows by their number. */
  category: number;
  /** Indexes of the numeric columns, in column order. */
  values: number[];
}

/** A number from a cell: numbers as is, numeric strings parsed, anything else null. */
export function toNumber(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** A column is numeric when it has at least one value and every non-empty value is a number. */
function isNumeric(table: ChartTable, i: number): boolean {
  let seen = false;
  for (const row of table.rows) {
    const v = row[i];
    if (v === null || v === '') continue;
    if (typeof v !== 'number') return false;
    seen = true;
  }
  return seen;
}

/**
 * The first non-numeric column is the category axis; numeric columns are series. A table whose
 * columns are all numeric uses the first one as the category when there are two or more.
 */
export function layoutSeries(table: ChartTable): SeriesLayout {
  const numeric = table.columns.map((_, i) => isNumeric(table, i));
  let category = numeric.findIndex((n) => !n);
  if (category < 0 && table.columns.length > 1) category = 0;
  const values = table.columns.map((_, i) => i).filter((i) => numeric[i] && i !== category);
  return { category, values };
}

/** The label of row `r` on the category axis. */
export function categoryLabel(table: ChartTable, layout: SeriesLayout, r: number): string {
  if (layout.category < 0) return String(r + 1);
  const v = table.rows[r][layout.category];
  return v === null || v === '' ? '(empty)' : String(v);
}
