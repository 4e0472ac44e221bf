import type { ExportTable } from './table.js';

/** The table as an XLSX workbook with one sheet: a bold header row, then the rows (numbers stay numbers). */
export async function toXlsx(table: ExportTable, sheetName = 'Data'): Promise<Buffer> {
  // Loaded on first export: exceljs takes most of a second to import, which `serve` must not pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'datalens-mock';
  // Excel limits sheet names to 31 characters and forbids a few symbols.
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Data');
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? null : v)));
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(...[table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length));
    column.width = Math.min(60, Math.max(8, widest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
