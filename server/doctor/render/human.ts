import type { Finding } from '../findings.js';
import type { EmbedAudit, Report } from '../report.js';

/** Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

type Paint = (s: string) => string;
interface Palette {
  red: Paint;
  yellow: Paint;
  green: Paint;
  bold: Paint;
  dim: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const COLOR: Palette = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
const PLAIN: Palette = { red: (s) => s, yellow: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line verdict a user reads first. */
export function headline(report: Report): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const counts = errors || warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : 'no problems found';
  const o = report.outcome;
  const answer = !o ? '' : o.accepted ? '; the emulator accepts this token' : `; the emulator refuses it (${o.status} ${o.reason})`;
  return `${counts}${answer}`;
}

function findingLines(f: Finding, p: Palette): string[] {
  const mark = f.severity === 'error' ? p.red('✖ error  ') : p.yellow('▲ warning');
  const lines = [`  ${mark} ${p.bold(f.code)}  ${f.message}`];
  if (f.path) lines.push(`              ${p.dim('at')}   ${f.path}`);
  lines.push(`              ${p.dim('fix')}  ${f.hint}`);
  return lines;
}

function table(rows: [string, string][], p: Palette, indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${p.dim(k.padEnd(width))}  ${v}`);
}

function auditLines(a: EmbedAudit, p: Palette): string[] {
  const lines = ['', p.bold(`Embed setup: ${a.embedId} "${a.title}"`)];
  lines.push(
    ...table(
      [
        ['Entry', a.entry ? `${a.entry.scope === 'dash' ? 'dashboard' : 'chart'} ${a.entry.entryId} "${a.entry.title}"` : 'deleted'],
        ['Params mode', a.paramsMode],
        ['Export', a.exportEnabled ? 'on (the … menu offers XLSX, CSV, Markdown)' : 'off (settings.enableExport is not true)'],
        ['depsIds', a.depsIds.length ? a.depsIds.join(', ') : '(none)'],
        ['Params read', a.usedParams.length ? a.usedParams.join(', ') : '(none)'],
        ['Rule in force', a.rule],
      ],
      p,
    ),
  );
  if (a.signedParams.length) lines.push(`  ${p.dim('Signed params')}`);
  for (const s of a.signedParams) {
    lines.push(`    ${p.bold(s.name)} = ${JSON.stringify(s.value)}${s.used ? '' : p.yellow('  (never read by the entry)')}`);
    lines.push(...table(Object.entries(s.verdicts) as [string, string][], p, '      '));
    lines.push(s.howToLock ? `      ${p.dim('to lock under both rules:')} ${s.howToLock}` : `      ${p.green('locked under both rules')}`);
  }
  for (const d of a.disabledSelectors) lines.push(`  ${p.dim('Disabled selector')}  tab ${d.tabId} / ${d.id} (${d.param}): ${d.because}`);
  return lines;
}

/** The report for a terminal: verdict, every finding with its fix, then the details. */
export function renderHuman(report: Report, o: { color: boolean }): string {
  const p = o.color ? COLOR : PLAIN;
  const verdict = report.ok ? p.green(`✔ ${headline(report)}`) : p.red(`✖ ${headline(report)}`);
  const lines = [`${p.bold('datalens-mock doctor')}  ${verdict}`, ''];
  for (const f of report.findings) lines.push(...findingLines(f, p));
  if (report.findings.length) lines.push('');
  const rows: [string, string][] = report.summary.map((f) => [f.label, f.value]);
  if (report.outcome && !report.outcome.accepted) rows.push(['Emulator answer', `${report.outcome.status} ${report.outcome.reason}: ${report.outcome.message}`]);
  lines.push(p.bold('Summary'), ...table(rows, p));
  if (report.audit) lines.push(...auditLines(report.audit, p));
  return `${lines.join('\n')}\n`;
}
