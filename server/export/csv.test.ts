import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  const table = { columns: ['region', 'amount'], rows: [['North', 10], ['South', 20.5], [null, null]] };

  it('writes a header row, then one CRLF line per row; null becomes an empty field', () => {
    expect(toCsv(table)).toBe('region,amount\r\nNorth,10\r\nSouth,20.5\r\n,\r\n');
  });

  it.each([
    ['a delimiter', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['leading spaces', '  padded', '"  padded"'],
    ['nothing special', 'plain', 'plain'],
  ])('quotes a field with %s (RFC 4180)', (_name, value, expected) => {
    expect(toCsv({ columns: ['x'], rows: [[value]] })).toBe(`x\r\n${expected}\r\n`);
  });

  it('uses the given delimiter and decimal separator', () => {
    expect(toCsv(table, { delimiter: ';', decimal: ',' })).toBe('region;amount\r\nNorth;10\r\nSouth;20,5\r\n;\r\n');
  });

  it('prefixes a byte-order mark on request', () => {
    expect(toCsv({ columns: ['x'], rows: [] }, { bom: true })).toBe('\uFEFFx\r\n');
  });

  it.each([
    ['a formula', '=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['a plus command', '+cmd|\' /C calc\'!A0', "'+cmd|' /C calc'!A0"],
    ['a minus formula', '-2+3', "'-2+3"],
    ['an at function', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading carriage return', '\r=1', "\"'\r=1\""],
    ['a negative number as text', '-5', '-5'],
    ['a signed decimal as text', '+1.5e3', '+1.5e3'],
    ['an inner equals sign', 'a=b', 'a=b'],
  ])('neutralises %s with a leading quote', (_name, value, expected) => {
    expect(toCsv({ columns: ['x'], rows: [[value]] })).toBe(`x\r\n${expected}\r\n`);
  });

  it('keeps numbers as numbers, negative ones too', () => {
    expect(toCsv({ columns: ['x'], rows: [[-5], [-0.5]] })).toBe('x\r\n-5\r\n-0.5\r\n');
  });

  it('neutralises column names too', () => {
    expect(toCsv({ columns: ['=1+1'], rows: [] })).toBe("'=1+1\r\n");
  });
});
