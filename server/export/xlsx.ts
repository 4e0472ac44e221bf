// A small Office Open XML (ECMA-376) writer: one sheet, a bold header row, strings inline, numbers as
// numbers. Every row is written by a loop, so a table of any length costs memory in proportion to
// its size and never an argument list as long as the table.
import { MockError } from '../errors/catalogue.js';
import type { Cell, ExportTable } from './table.js';
import { zip } from './zip.js';

/** What one sheet holds (Excel's limits): the header is one of the rows. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
/** The longest text a cell holds; longer strings are cut. */
const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * Text as XML character data. Characters XML 1.0 cannot carry (most C0 controls, lone surrogates)
 * become OOXML's `_xHHHH_` escape, and a literal `_xHHHH_` is escaped so that it reads back as written.
 */
const PLAIN = /[&<>"_\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(text: string): string {
  if (!PLAIN.test(text)) return text;
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** `A`, `B`, …, `Z`, `AA`, … for a zero-based column index. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's sheet-name rules: at most 31 characters, none of `\ / ? * [ ] :`. */
export function sheetNameOf(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Data';
}

/** One cell at `ref` (readers such as exceljs need the reference); null is no cell at all. */
function cellXml(ref: string, value: Cell, style: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
  const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

const textLength = (v: Cell): number => (v === null ? 0 : typeof v === 'number' ? String(v).length : v.length);

function sheetXml(table: ExportTable): Buffer {
  const width = table.columns.length;
  const letters = table.columns.map((_, i) => columnName(i));
  // Widths from the longest text of each column, read in one pass over the rows.
  const widest = table.columns.map((c) => c.length);
  for (const row of table.rows) {
    for (let i = 0; i < width; i++) {
      const n = textLength(row[i] ?? null);
      if (n > widest[i]) widest[i] = n;
    }
  }
  const cols = widest.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2))}" customWidth="1"/>`).join('');
  const parts: string[] = [
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : '',
    '<sheetData>',
    `<row r="1">${table.columns.map((c, i) => cellXml(`${letters[i]}1`, c, ' s="1"')).join('')}</row>`,
  ];
  // Rows go to bytes a thousand at a time: the text of the whole sheet is never one string.
  const chunks: Buffer[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    const n = r + 2;
    let xml = `<row r="${n}">`;
    for (let i = 0; i < width; i++) xml += cellXml(`${letters[i]}${n}`, row[i] ?? null, '');
    parts.push(`${xml}</row>`);
    if (parts.length === 1000) chunks.push(Buffer.from(parts.splice(0).join(''), 'utf8'));
  }
  parts.push('</sheetData></worksheet>');
  chunks.push(Buffer.from(parts.join(''), 'utf8'));
  return Buffer.concat(chunks);
}

const STYLES = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`;

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`;

const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>
</Relationships>`;

const CORE = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>datalens-mock</dc:creator></cp:coreProperties>`;

/**
 * The table as an XLSX workbook with one sheet: a bold header row, then the rows (numbers stay
 * numbers, null is an empty cell), the header frozen, columns as wide as their text (8 to 60).
 * A table beyond a sheet's limits is 413 EXPORT_TOO_LARGE.
 */
export function toXlsx(table: ExportTable, sheetName = 'Data'): Buffer {
  if (table.rows.length + 1 > XLSX_MAX_ROWS || table.columns.length > XLSX_MAX_COLUMNS) {
    throw new MockError('EXPORT_TOO_LARGE', {
      message: `The chart data has ${table.rows.length} rows and ${table.columns.length} columns; an XLSX sheet holds at most ${XLSX_MAX_ROWS - 1} rows under its header and ${XLSX_MAX_COLUMNS} columns.`,
    });
  }
  const workbook = `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets><sheet name="${xmlText(sheetNameOf(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'docProps/core.xml', data: Buffer.from(CORE) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml(table) },
  ]);
}
