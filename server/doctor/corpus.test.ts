import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { CODES, type DlmCode } from './codes/index.js';
import { diagnose } from './engine.js';
import { caseEnv, corpusApp, loadCorpus } from './testing.js';

const corpus = loadCorpus();
let mock: MockApp;
beforeAll(async () => {
  mock = await corpusApp(corpus);
});
afterAll(() => mock.close());

/** Codes proven by other test files, not by corpus inputs (they need a state or a server no input can plant). */
// DLM-508: server/params/dash-selectors.test.ts (a dashboard the corpus seed does not have).
const TESTED_ELSEWHERE: DlmCode[] = [
  'DLM-302', 'DLM-504', 'DLM-508', 'DLM-901', 'DLM-902',
  // key mistakes (a key as the input, --key, the page's key field): server/doctor/token/key.test.ts
  'DLM-310', 'DLM-311', 'DLM-312', 'DLM-313', 'DLM-314', 'DLM-315',
  // a crit header: server/tokens/crit.test.ts
  'DLM-111',
  // display options of a link: server/doctor/link/params.test.ts
  'DLM-420', 'DLM-421', 'DLM-422',
  // the legacy host and a host page's CSP: server/doctor/link/csp.test.ts
  'DLM-430', 'DLM-431',
  // a ClickHouse cluster: server/doctor/clickhouse/audit.test.ts, against a real server
  ...(Object.keys(CODES).filter((c) => c.startsWith('DLM-7')) as DlmCode[]),
];

describe.each(['token', 'link', 'partner'] as const)('doctor corpus: %s cases', (group) => {
  const cases = corpus.cases.filter((c) => c.group === group);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await diagnose(c.input, await caseEnv(corpus, mock, c));
    const codes = [...new Set(report.findings.map((f) => f.code))].sort();
    expect(codes, JSON.stringify(report.findings, null, 1)).toEqual([...c.expect].sort());
    expect(report.ok).toBe(!c.expect.some((code) => report.findings.find((f) => f.code === code)?.severity === 'error'));
    for (const f of report.findings) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.hint.length).toBeGreaterThan(10);
    }
    if (c.message) expect(report.findings.map((f) => f.message).join('\n')).toContain(c.message);
    if (c.summary) expect(report.summary.map((s) => s.value).join('\n')).toContain(c.summary);
    if (report.outcome && !report.outcome.accepted) {
      // Every refusal of the emulator is explained by the doctor's own checks, not by its safety net.
      expect(report.findings.some((f) => f.severity === 'error' && !f.message.startsWith('The emulator refuses'))).toBe(true);
    }
    if (c.expect.length === 0 && (c.mode ?? 'server') === 'server' && group !== 'partner') expect(report.outcome).toEqual({ accepted: true });
  });
});

describe('doctor corpus', () => {
  it('has valid inputs of every kind and at least one case per group', () => {
    for (const group of ['token', 'link', 'partner']) {
      expect(corpus.cases.some((c) => c.group === group && c.expect.length === 0)).toBe(true);
      expect(corpus.cases.some((c) => c.group === group && c.expect.length > 0)).toBe(true);
    }
  });

  it('plants every code of the table at least once (or a named test elsewhere proves it)', () => {
    const planted = new Set<string>([...corpus.cases.flatMap((c) => c.expect), ...TESTED_ELSEWHERE]);
    expect(Object.keys(CODES).filter((code) => !planted.has(code))).toEqual([]);
  });
});
