import type { Cell, ExportTable } from './table.js';

export interface CsvOptions {
  /** Value separator (DataLens "delValues"): ',' by default, ';' or a tab are common. */
  delimiter?: string;
  /** Decimal separator for numbers (DataLens "delNumbers"): '.' by default. */
  decimal?: string;
  /** Prefix a UTF-8 byte-order mark so that Excel detects the encoding. */
  bom?: boolean;
}

/** One CSV field, quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
function field(value: Cell, delimiter: string, decimal: string): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', decimal) : value;
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
