import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx.js';

describe('toXlsx', () => {
  it('writes one sheet with a bold header row and the rows, numbers kept as numbers', async () => {
    const buffer = await toXlsx({ columns: ['region', 'amount'], rows: [['North', 10], ['South', null]] }, 'Sales: by/region?');
    expect(buffer.subarray(0, 2).toString()).toBe('PK'); // a zip container

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Sales  by region ');
    expect(sheet.getRow(1).values).toEqual([undefined, 'region', 'amount']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('North');
    expect(sheet.getCell('B2').value).toBe(10);
    expect(sheet.getCell('B3').value).toBe(null);
    expect(sheet.rowCount).toBe(3);
  });
});
