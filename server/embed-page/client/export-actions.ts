// Export: XLSX and CSV through POST {apiPrefix}/export with the token; Markdown in the browser (docs/fidelity.md, "Export").
import { downloadFromGateway, type Result } from './api.js';
import type { ChartTable } from './charts/series.js';
import { lang } from './i18n.js';
import { toMarkdown } from './markdown.js';

export type ExportFormat = 'xlsx' | 'csv' | 'markdown';

/** Saves a blob as a file through a temporary link (what "Save as" does in a browser). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileBase = (title: string): string => title.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'chart';

/**
 * The body DataLens's client posts: `{data: <URL-encoded JSON {formSettings, lang, chartData, fullHost}>, exportFilename}`.
 * `chartData` is the data the page already loaded; the server converts it without querying again.
 */
export function exportBody(format: 'csv' | 'xlsx', table: ChartTable, title: string): unknown {
  const data = { formSettings: { format, delValues: 'comma', delNumbers: 'dot', encoding: 'utf8' }, lang: lang(), chartData: table, fullHost: location.origin };
  return { data: encodeURIComponent(JSON.stringify(data)), exportFilename: fileBase(title) };
}

export async function exportChart(format: ExportFormat, table: ChartTable, title: string, exportUrl: string, token: string): Promise<Result<string>> {
  if (format === 'markdown') {
    const name = `${fileBase(title)}.md`;
    saveBlob(new Blob([toMarkdown(table)], { type: 'text/markdown;charset=utf-8' }), name);
    return { ok: true, body: name };
  }
  const result = await downloadFromGateway(exportUrl, token, exportBody(format, table, title));
  if (!result.ok) return result;
  const name = `${fileBase(title)}.${format}`;
  saveBlob(result.body, name);
  return { ok: true, body: name };
}
