import type { Cell, ExportTable } from './table.js';

export interface CsvOptions {
  /** Value separator (DataLens "delValues"): ',' by default, ';' or a tab are common. */
  delimiter?: string;
  /** Decimal separator for numbers (DataLens "delNumbers"): '.' by default. */
  decimal?: string;
  /** Prefix a UTF-8 byte-order mark so that Excel detects the encoding. */
  bom?: boolean;
}

/** A text a spreadsheet would read as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number written as text (`-5`, `+1.5e3`) is no formula and stays as it is. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a
 * leading `'`, as spreadsheet-safe exporters do: the spreadsheet shows the text instead of running it
 * (docs/security.md, "Exports"). Numbers, and texts that are plain numbers, are unchanged.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field, quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
function field(value: Cell, delimiter: string, decimal: string): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', decimal) : neutralise(value);
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text: a header row with the column names, then one line per row, CRLF-separated. */
export function toCsv(table: ExportTable, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  const lines = [table.columns, ...table.rows].map((row) => row.map((v) => field(v, delimiter, decimal)).join(delimiter));
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
