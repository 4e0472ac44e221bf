import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { parseBody } from '../rpc/validate.js';
import type { CsvOptions } from './csv.js';
import { readExportTable, type ExportTable } from './table.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  table: ExportTable;
  /** File name without extension: `downloadConfig.filename` (default ChartExportData) + `_YYYY_MM_DD_HH_mm`. */
  filename: string;
  csv: CsvOptions;
}

/** DataLens's name when the posted data has no `downloadConfig`. */
export const DEFAULT_EXPORT_FILENAME = 'ChartExportData';

const SEPARATORS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', dot: '.' };

function separator(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  return SEPARATORS[value] ?? value;
}

/** Keeps a download name safe for Content-Disposition and file systems. */
export function safeFilename(name: unknown): string {
  const text = typeof name === 'string' ? name : '';
  const cleaned = text.replace(/\.(csv|xlsx)$/i, '').replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim().slice(0, 100);
  return cleaned || 'chart';
}

/** `moment().format('YYYY_MM_DD_HH_mm')` at `now` (Unix seconds), in the server's local time as DataLens. */
export function exportStamp(now: number): string {
  const d = new Date(now * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}_${two(d.getMonth() + 1)}_${two(d.getDate())}_${two(d.getHours())}_${two(d.getMinutes())}`;
}

/** The request body: `data` is required (DataLens reads `req.body.data.length` first). `exportFilename` is read by nobody. */
const exportBody = z.object({
  data: z.union([z.string(), z.record(z.string(), z.unknown())], { message: 'is required: URL-encoded JSON {formSettings, lang, chartData}' }),
  exportFilename: z.unknown().optional(),
});

/** The decoded `data`. Only `formSettings` and `chartData` matter; the page's `lang` and `fullHost` are not used. */
const exportData = z.object({
  formSettings: z.object(
    {
      format: z.string({ message: 'must be "csv" or "xlsx"' }),
      delValues: z.string().optional(),
      delNumbers: z.string().optional(),
      encoding: z.string().optional(),
    },
    { message: 'must be an object {format, delValues?, delNumbers?, encoding?}' },
  ),
  chartData: z.unknown(),
  downloadConfig: z.union([z.object({ filename: z.unknown().optional() }), z.null()]).optional(),
});

const invalid = (message: string, field: string) => new MockError('INVALID_BODY', { message, field });

/**
 * Reads DataLens's export body: `{data: <URL-encoded JSON {formSettings, lang, chartData, fullHost}>,
 * exportFilename}` (docs/embed-pages.md, Export). `data` may also be the object itself. As DataLens,
 * the file is named from `data.downloadConfig.filename` (default ChartExportData) plus the time, and
 * the body's `exportFilename` is ignored. Where DataLens throws (no `data`: a 500), this is a 400.
 */
export function parseExportRequest(body: unknown, now: number): ExportRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The export body must be a JSON object {data, exportFilename}.', 'data');
  const { data } = parseBody(exportBody, body, 'The export body');
  let payload: unknown = data;
  if (typeof data === 'string') {
    try {
      payload = JSON.parse(decodeURIComponent(data.replace(/\+/g, ' ')));
    } catch {
      throw invalid('`data` must be URL-encoded JSON {formSettings, lang, chartData}.', 'data');
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('`data` must hold {formSettings, chartData}.', 'data');
  const { formSettings, chartData, downloadConfig } = parseBody(exportData, payload, "The export body's data");
  const format = formSettings.format;
  if (format !== 'csv' && format !== 'xlsx') {
    throw invalid(`formSettings.format must be "csv" or "xlsx", got ${JSON.stringify(format)}.`, 'formSettings.format');
  }
  const table = readExportTable(chartData);
  if (typeof table === 'string') throw invalid(table, 'chartData');
  // `(POST.downloadConfig || {filename: 'ChartExportData'}).filename += '_…'`, byte for byte.
  const base = downloadConfig ? String(downloadConfig.filename) : DEFAULT_EXPORT_FILENAME;
  return {
    format,
    table,
    filename: safeFilename(`${base}_${exportStamp(now)}`),
    csv: {
      delimiter: separator(formSettings.delValues, ','),
      decimal: separator(formSettings.delNumbers, '.'),
      bom: formSettings.encoding === 'utf8-bom' || formSettings.encoding === 'utf8bom',
    },
  };
}
