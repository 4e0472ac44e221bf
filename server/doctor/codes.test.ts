import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASONS } from '../errors/catalogue.js';
import { CODES } from './codes/index.js';
import { finding } from './findings.js';
import { codesMarkdownTable } from './testing.js';

const DOCS = join(import.meta.dirname, '../../docs/doctor.md');

describe('the DLM code table', () => {
  it.each(Object.entries(CODES))('%s is well formed', (code, def) => {
    expect(code).toMatch(/^DLM-\d{3}$/);
    expect(def.message).toMatch(/\.$/);
    expect(def.hint.length).toBeGreaterThan(20);
    if ('reason' in def && def.reason) expect(Object.keys(REASONS)).toContain(def.reason);
  });

  it('numbers each group in its own hundred', () => {
    const hundreds: Record<string, string> = { input: '0', token: '1', claims: '2', signature: '3', link: '4', embed: '5', partner: '6', clickhouse: '7', doctor: '9' };
    for (const [code, def] of Object.entries(CODES)) expect(code[4], code).toBe(hundreds[def.group]);
  });

  it('builds findings from the table, with specific words when given', () => {
    expect(finding('DLM-224')).toEqual({ code: 'DLM-224', severity: 'error', message: CODES['DLM-224'].message, hint: CODES['DLM-224'].hint, reason: 'TOKEN_EXPIRED' });
    expect(finding('DLM-231', { severity: 'warning', path: 'payload.params.x', message: 'x is 1.' })).toMatchObject({ severity: 'warning', path: 'payload.params.x', message: 'x is 1.' });
  });

  it('is documented, row for row, in docs/doctor.md', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const table = docs.slice(docs.indexOf('<!-- codes:begin -->') + '<!-- codes:begin -->'.length, docs.indexOf('<!-- codes:end -->')).trim();
    expect(table).toBe(codesMarkdownTable());
  });
});
