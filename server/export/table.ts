/** The chart data an export converts: what the page already loaded (docs/fidelity.md, "Export"). */
import type { Cell, TableData } from '../datasources/types.js';

export type { Cell };
export type ExportTable = TableData;

const isCell = (v: unknown): v is Cell => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Reads `chartData` from an export request. The page posts the run response's `data`
 * (`{columns, rows}`); anything else is described in plain words so the caller can fix it.
 */
export function readExportTable(chartData: unknown): ExportTable | string {
  if (typeof chartData !== 'object' || chartData === null) return 'chartData must be an object {columns, rows}.';
  const { columns, rows } = chartData as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    return 'chartData.columns must be an array of column names.';
  }
  if (!Array.isArray(rows)) return 'chartData.rows must be an array of rows.';
  for (const [i, row] of rows.entries()) {
    if (!Array.isArray(row) || !row.every(isCell)) {
      return `chartData.rows[${i}] must be an array of strings, finite numbers or nulls.`;
    }
  }
  return { columns: columns as string[], rows: rows as Cell[][] };
}
