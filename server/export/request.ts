import { MockError } from '../errors/catalogue.js';
import type { CsvOptions } from './csv.js';
import { readExportTable, type ExportTable } from './table.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  table: ExportTable;
  /** File name without extension. */
  filename: string;
  csv: CsvOptions;
}

const SEPARATORS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', dot: '.' };

function separator(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value === '') return fallback;
  return SEPARATORS[value] ?? value;
}

/** Keeps a download name safe for Content-Disposition and file systems. */
export function safeFilename(name: unknown): string {
  const text = typeof name === 'string' ? name : '';
  const cleaned = text.replace(/\.(csv|xlsx)$/i, '').replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim().slice(0, 100);
  return cleaned || 'chart';
}

const invalid = (message: string, field: string) => new MockError('INVALID_BODY', { message, field });

/**
 * Reads DataLens's export body: `{data: <URL-encoded JSON {formSettings, lang, chartData, fullHost}>,
 * exportFilename}` (docs/fidelity.md, "Export"). `data` may also be the object itself.
 */
export function parseExportRequest(body: unknown): ExportRequest {
  if (typeof body !== 'object' || body === null) throw invalid('The export body must be a JSON object {data, exportFilename}.', 'data');
  const { data, exportFilename } = body as { data?: unknown; exportFilename?: unknown };
  let payload: unknown = data;
  if (typeof data === 'string') {
    try {
      payload = JSON.parse(decodeURIComponent(data));
    } catch {
      throw invalid('`data` must be URL-encoded JSON {formSettings, lang, chartData}.', 'data');
    }
  }
  if (typeof payload !== 'object' || payload === null) throw invalid('`data` must hold {formSettings, chartData}.', 'data');
  const { formSettings, chartData } = payload as { formSettings?: Record<string, unknown>; chartData?: unknown };
  const format = formSettings?.format;
  if (format !== 'csv' && format !== 'xlsx') {
    throw invalid(`formSettings.format must be "csv" or "xlsx", got ${JSON.stringify(format)}.`, 'formSettings.format');
  }
  const table = readExportTable(chartData);
  if (typeof table === 'string') throw invalid(table, 'chartData');
  return {
    format,
    table,
    filename: safeFilename(exportFilename),
    csv: {
      delimiter: separator(formSettings?.delValues, ','),
      decimal: separator(formSettings?.delNumbers, '.'),
      bom: formSettings?.encoding === 'utf8-bom' || formSettings?.encoding === 'utf8bom',
    },
  };
}
