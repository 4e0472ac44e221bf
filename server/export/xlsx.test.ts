import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { isMockError } from '../errors/catalogue.js';
import { XLSX_MAX_ROWS, columnName, toXlsx, xmlText } from './xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** The archive as `unzip` and Python's zipfile see it: the names, and a CRC check of every member. */
function checkArchive(buffer: Buffer): string[] {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, buffer);
  const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
  expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
  const py = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))';
  const names = execFileSync('python3', ['-c', py, file], { encoding: 'utf8' }).trim().split('\n');
  for (const n of names) expect(listing).toContain(n);
  return names;
}

/** The sheet's XML, as Python's zipfile inflates it. */
function sheetOf(buffer: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, buffer);
  const py = 'import sys, zipfile\nsys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode("utf-8"))';
  return execFileSync('python3', ['-c', py, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

describe('toXlsx', () => {
  it('writes one sheet with a bold header row and the rows, numbers kept as numbers', async () => {
    const buffer = toXlsx({ columns: ['region', 'amount'], rows: [['North', 10], ['South', null], ['East', -2.5e-7], [null, 3]] }, 'Sales: by/region?');
    expect(buffer.subarray(0, 2).toString()).toBe('PK'); // a zip container
    const sheet = await readBack(buffer);
    expect(sheet.name).toBe('Sales  by region ');
    expect(sheet.getRow(1).values).toEqual([undefined, 'region', 'amount']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    expect(sheet.getCell('A2').value).toBe('North');
    expect(sheet.getCell('B2').value).toBe(10);
    expect(sheet.getCell('B3').value).toBe(null);
    expect(sheet.getCell('B4').value).toBe(-2.5e-7);
    expect(sheet.getCell('A5').value).toBe(null);
    expect(sheet.getCell('B5').value).toBe(3);
    expect(sheet.rowCount).toBe(5);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(8);
  });

  it('is a valid zip for unzip and for Python, with the parts of a workbook', () => {
    const names = checkArchive(toXlsx({ columns: ['a'], rows: [['x']] }));
    expect(names.sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  });

  it('carries text that XML cannot: markup, control characters, lone surrogates, literal escapes', async () => {
    const texts = ['<b>&"</b>', 'tab\there', 'cut \uD800 half', 'Привет, 世界 🙂', 'bell\x07', '_x0041_ literal'];
    const buffer = toXlsx({ columns: ['t'], rows: texts.map((t) => [t]) });
    const sheet = await readBack(buffer);
    const back = texts.slice(0, 4).map((_, i) => sheet.getCell(`A${i + 2}`).value);
    expect(back).toEqual(['<b>&"</b>', 'tab\there', 'cut \uFFFD half', 'Привет, 世界 🙂']);
    // Excel's own escape for characters XML 1.0 has no room for (exceljs does not decode it; Excel does).
    const xml = sheetOf(buffer);
    expect(xml).toContain('>bell_x0007_<');
    expect(xml).toContain('>_x005F_x0041_ literal<');
  });

  it('130,000 rows: written with widths from the longest text, every row in the sheet', () => {
    const rows = Array.from({ length: 130_000 }, (_, i) => [`region ${i}`, i, i % 7 === 0 ? null : i / 3]);
    rows[77_777][0] = 'the longest text of the column, at row 77779';
    const started = performance.now();
    const buffer = toXlsx({ columns: ['region', 'n', 'third'], rows });
    console.log(`xlsx: 130,000 rows × 3 columns → ${(buffer.length / 1024 / 1024).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms`);
    checkArchive(buffer);
    const xml = sheetOf(buffer);
    expect(xml.match(/<row /g)).toHaveLength(130_001);
    expect(xml).toContain('<row r="130001"><c r="A130001" t="inlineStr"><is><t xml:space="preserve">region 129999</t></is></c><c r="B130001"><v>129999</v></c><c r="C130001"><v>43333</v></c></row>');
    expect(xml).toContain(`<col min="1" max="1" width="${'the longest text of the column, at row 77779'.length + 2}" customWidth="1"/>`);
  }, 120_000);

  it('a table beyond a sheet is 413 EXPORT_TOO_LARGE naming the limits', () => {
    const rows = { length: XLSX_MAX_ROWS } as unknown as [][];
    try {
      toXlsx({ columns: ['a'], rows });
      expect.unreachable();
    } catch (e) {
      expect(isMockError(e) && e.reason).toBe('EXPORT_TOO_LARGE');
      expect((e as Error).message).toContain('1048575 rows');
    }
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('column %i is %s', (i, name) => expect(columnName(i)).toBe(name));

  it('escapes XML markup', () => expect(xmlText('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;'));
});
