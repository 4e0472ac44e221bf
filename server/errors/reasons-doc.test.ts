import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASONS } from './catalogue.js';
import { renderReasonsTable } from './reasons-doc.js';

describe('the reasons catalogue', () => {
  it('docs/reasons.md is up to date (regenerate: npm run build && node scripts/docs-reasons.mjs)', () => {
    expect(readFileSync(join(import.meta.dirname, '../../docs/reasons.md'), 'utf8')).toBe(renderReasonsTable());
  });

  it.each(Object.entries(REASONS))('%s has a 4xx/5xx status, a message and a hint', (_code, def) => {
    expect(def.status).toBeGreaterThanOrEqual(400);
    expect(def.message.length).toBeGreaterThan(10);
    expect(def.hint.length).toBeGreaterThan(10);
  });

  it("only INTERNAL, the reproduced DataLens 500 of a stored dashboard and a partner ClickHouse cluster's own failures answer 5xx", () => {
    const fiveXX = Object.entries(REASONS).filter(([, d]) => d.status >= 500).map(([c]) => c);
    expect(fiveXX.sort()).toEqual(['CONTROL_NAMESPACE_WITHOUT_ALIASES', 'INTERNAL', 'PARTNER_CLICKHOUSE_AUTH_FAILED', 'PARTNER_CLICKHOUSE_ERROR', 'PARTNER_CLICKHOUSE_READONLY_USER', 'PARTNER_CLICKHOUSE_TIMEOUT', 'PARTNER_CLICKHOUSE_UNREACHABLE']);
  });
});
