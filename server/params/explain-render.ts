// Text rendering of an explain report: both rules side by side, differences marked, then each
// param's trace. Plain ASCII-friendly text, no colours (it ends up in CI logs and issues).
import type { ExplainReport, RuleOutcome } from './explain.js';
import { RULES } from './explain.js';

const ABSENT = '(absent)';
const MARK = '<-- differs';

export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return ABSENT;
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${v.map((x) => (x === '' ? '""' : x)).join(', ')}]`;
  return JSON.stringify(v);
}

const formatParams = (p: Record<string, unknown>) => {
  const entries = Object.entries(p);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${formatValue(v)}`).join('  ');
};

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 2))).join('').trimEnd());
}

function sourceLabel(s: string): string {
  return s === 'signed' ? 'signed token' : s === 'request' ? 'request (source not declared)' : s;
}

function traceLines(report: ExplainReport, name: string): string[] {
  const out = [`  ${name}`];
  const traces = RULES.map((r) => report.outcomes[r].trace.find((x) => x.name === name));
  const [a, b] = traces;
  // Print once when both rules tell the same story.
  const agree = a && b && sameJson({ ...a, rule: '' }, { ...b, rule: '' });
  for (const [i, t] of traces.entries()) {
    if (!t || (agree && i > 0)) continue;
    const label = agree ? 'both rules' : t.rule;
    const win = t.winner === null ? ABSENT : `${formatValue(t.value)} from ${sourceLabel(t.winner)}`;
    out.push(`    ${label.padEnd(14)}-> ${win}${t.forbidden ? '   [forbidden]' : ''}`);
    out.push(`      why:   ${t.because}`);
    for (const c of t.candidates) out.push(`      - ${sourceLabel(c.source)} = ${formatValue(c.value)}: ${c.note}`);
    out.push(`      lock:  ${t.lock}`);
  }
  return out;
}

function selectorRows(report: ExplainReport): string[][] {
  const [a, b] = RULES.map((r) => report.outcomes[r]) as [RuleOutcome, RuleOutcome];
  const show = (s: RuleOutcome['selectors'][number] | undefined) => (!s ? '' : s.disabled ? 'disabled (empty)' : `enabled: ${formatValue(s.value)}`);
  return a.selectors.map((s, i) => [`  ${s.id} (${s.param})`, show(s), show(b.selectors[i]), report.differences.includes(`selector:${s.id}`) ? MARK : '']);
}

export function renderExplain(report: ExplainReport, file?: string): string {
  const [a, b] = RULES.map((r) => report.outcomes[r]) as [RuleOutcome, RuleOutcome];
  const lines: string[] = [`${report.title}${file ? `   (${file})` : ''}`];
  if (report.about) lines.push(...report.about.trim().split('\n').map((l) => `  ${l}`));
  lines.push('');
  const header: string[][] = [
    ['embed', `${report.kind}: ${report.lists}`],
    ['token params', formatParams(report.signedParams)],
  ];
  if (sameJson(a.sent, b.sent)) header.push(['sent by the page', formatParams(a.sent)]);
  else header.push(['sent (signed-wins)', formatParams(a.sent)], ['sent (unsigned-wins)', formatParams(b.sent)]);
  if (report.tab) header.push(['tab', `${report.tab.id}${report.tab.fallback ? ` (link asked for "${report.tab.requested}")` : ''}`]);
  for (const i of report.ignored) header.push(['ignored', `${i.name}: ${i.why}`]);
  lines.push(...table(header), '');

  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  const rows: string[][] = [['effective params', 'signed-wins', 'unsigned-wins', '']];
  for (const n of names) rows.push([`  ${n}`, formatValue(a.params[n]), formatValue(b.params[n]), report.differences.includes(n) ? MARK : '']);
  if (names.length === 0) rows.push(['  (none)', '', '', '']);
  const fb = (o: RuleOutcome) => (o.forbidden ? `[${o.forbidden.join(', ')}]` : 'none');
  rows.push(['forbidden set', fb(a), fb(b), '']);
  if (a.selectors.length > 0) rows.push(['selectors', '', '', ''], ...selectorRows(report));
  lines.push(...table(rows));
  lines.push('', report.differences.length === 0 ? 'The two rules agree.' : `The rules differ on: ${report.differences.join(', ')}.`);
  for (const o of [a, b]) {
    if (o.earlyReturn) lines.push(`${o.rule}: no unsigned params were sent, so DataLens returned a copy of the signed params (step 1 of the algorithm, docs/params.md).`);
    for (const n of o.notes) lines.push(`${o.rule}: ${n}`);
  }

  lines.push('', 'Per-param trace');
  const traced = [...new Set([...a.trace, ...b.trace].map((t) => t.name))].sort();
  for (const n of traced) lines.push(...traceLines(report, n));
  for (const s of a.selectors) {
    const other = b.selectors.find((x) => x.id === s.id);
    lines.push(`  selector ${s.id} (${s.param})`, `    signed-wins   ${s.because}`, `    unsigned-wins ${other?.because ?? ''}`);
  }
  if (report.expectations.length > 0) {
    lines.push('');
    for (const e of report.expectations) lines.push(`expect ${e.rule}: ${e.ok ? 'ok' : 'FAILED'}`, ...e.failures.map((f) => `  ${f}`));
  }
  return `${lines.join('\n')}\n`;
}

function sameJson(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}
