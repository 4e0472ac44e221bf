import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { exportStamp, parseExportRequest, safeFilename } from './request.js';

const chartData = { columns: ['a'], rows: [[1]] };
const encoded = (data: unknown) => encodeURIComponent(JSON.stringify(data));

// 2026-03-04 05:06:00 in the server's local time.
const NOW = new Date(2026, 2, 4, 5, 6, 30).getTime() / 1000;

describe('parseExportRequest', () => {
  it("reads DataLens's body: URL-encoded JSON data; the file is ChartExportData plus the time, exportFilename is ignored", () => {
    const req = parseExportRequest(
      {
        data: encoded({ formSettings: { format: 'csv', delValues: 'semicolon', delNumbers: 'comma', encoding: 'utf8-bom' }, lang: 'en', chartData }),
        exportFilename: 'Sales report',
      },
      NOW,
    );
    expect(req).toEqual({ format: 'csv', table: chartData, filename: 'ChartExportData_2026_03_04_05_06', csv: { delimiter: ';', decimal: ',', bom: true } });
  });

  it("names the file from data.downloadConfig.filename, as DataLens's export controller", () => {
    const name = (downloadConfig: unknown) => parseExportRequest({ data: { formSettings: { format: 'csv' }, chartData, downloadConfig } }, NOW).filename;
    expect(name({ filename: 'Sales' })).toBe('Sales_2026_03_04_05_06');
    // DataLens appends to whatever is there: a config without filename gives "undefined_…".
    expect(name({})).toBe('undefined_2026_03_04_05_06');
    expect(name(null)).toBe('ChartExportData_2026_03_04_05_06');
    expect(exportStamp(NOW)).toBe('2026_03_04_05_06');
  });

  it('accepts `data` as an object, decodes "+" as a space and defaults the CSV settings', () => {
    const req = parseExportRequest({ data: { formSettings: { format: 'xlsx' }, chartData } }, NOW);
    expect(req.format).toBe('xlsx');
    expect(req.csv).toEqual({ delimiter: ',', decimal: '.', bom: false });
    const plus = parseExportRequest({ data: encoded({ formSettings: { format: 'csv' }, chartData: { columns: ['a+b'], rows: [] } }).replace(/%2B/g, '+') }, NOW);
    expect(plus.table.columns).toEqual(['a b']);
  });

  it.each([
    ['a body that is not an object', 'text', 'data'],
    ['a body without data (DataLens throws: 500)', { exportFilename: 'x' }, 'data'],
    ['data that is a number', { data: 5 }, 'data'],
    ['data without formSettings', { data: { chartData } }, 'formSettings'],
    ['a format that is not a string', { data: { formSettings: { format: 1 }, chartData } }, 'formSettings.format'],
    ['chart data that is not an object', { data: { formSettings: { format: 'csv' }, chartData: [1] } }, 'chartData'],
    ['data that is not URL-encoded JSON', { data: '%E0%A4%A' }, 'data'],
    ['an unknown format', { data: { formSettings: { format: 'pdf' }, chartData } }, 'formSettings.format'],
    ['chartData without columns', { data: { formSettings: { format: 'csv' }, chartData: { rows: [] } } }, 'chartData'],
    ['a row with an object cell', { data: { formSettings: { format: 'csv' }, chartData: { columns: ['a'], rows: [[{}]] } } }, 'chartData'],
  ])('refuses %s with INVALID_BODY naming the field', (_name, body, field) => {
    try {
      parseExportRequest(body, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MockError);
      expect((e as MockError).reason).toBe('INVALID_BODY');
      expect((e as MockError).field).toBe(field);
    }
  });
});

describe('safeFilename', () => {
  it.each([
    ['Sales 2024', 'Sales 2024'],
    ['report.csv', 'report'],
    ['a/b\\c:"d"', 'a_b_c_d_'],
    ['', 'chart'],
    [42, 'chart'],
    ['Продажи', 'Продажи'],
  ])('%j -> %j', (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });
});
