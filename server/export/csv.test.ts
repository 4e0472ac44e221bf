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
});
