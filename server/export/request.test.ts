import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { parseExportRequest, safeFilename } from './request.js';

const chartData = { columns: ['a'], rows: [[1]] };
const encoded = (data: unknown) => encodeURIComponent(JSON.stringify(data));

describe('parseExportRequest', () => {
  it("reads DataLens's body: URL-encoded JSON data plus exportFilename", () => {
    const req = parseExportRequest({
      data: encoded({ formSettings: { format: 'csv', delValues: 'semicolon', delNumbers: 'comma', encoding: 'utf8-bom' }, lang: 'en', chartData }),
      exportFilename: 'Sales report',
    });
    expect(req).toEqual({ format: 'csv', table: chartData, filename: 'Sales report', csv: { delimiter: ';', decimal: ',', bom: true } });
  });

  it('accepts `data` as an object and defaults the CSV settings', () => {
    const req = parseExportRequest({ data: { formSettings: { format: 'xlsx' }, chartData } });
    expect(req.format).toBe('xlsx');
    expect(req.filename).toBe('chart');
    expect(req.csv).toEqual({ delimiter: ',', decimal: '.', bom: false });
  });

  it.each([
    ['a body that is not an object', 'text', 'data'],
    ['data that is not URL-encoded JSON', { data: '%E0%A4%A' }, 'data'],
    ['an unknown format', { data: { formSettings: { format: 'pdf' }, chartData } }, 'formSettings.format'],
    ['chartData without columns', { data: { formSettings: { format: 'csv' }, chartData: { rows: [] } } }, 'chartData'],
    ['a row with an object cell', { data: { formSettings: { format: 'csv' }, chartData: { columns: ['a'], rows: [[{}]] } } }, 'chartData'],
  ])('refuses %s with INVALID_BODY naming the field', (_name, body, field) => {
    try {
      parseExportRequest(body);
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
