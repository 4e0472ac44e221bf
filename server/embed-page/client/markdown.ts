// "Save as → Markdown" is built in the browser, as in DataLens. Pure.
import type { ChartTable } from './charts/series.js';

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

/** A GitHub-flavoured Markdown table; numeric columns are right-aligned. */
export function toMarkdown(table: ChartTable): string {
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const head = `| ${table.columns.map(cell).join(' | ')} |`;
  const rule = `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
  const rows = table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, rule, ...rows].join('\n') + '\n';
}
