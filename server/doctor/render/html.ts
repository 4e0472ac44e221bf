import { escapeHtml } from '../../core/html.js';
import { pageHead } from '../../core/page-style.js';
import type { Finding } from '../findings.js';
import type { EmbedAudit, Report } from '../report.js';
import { headline } from './human.js';

// Everything from the input is untrusted: escape it all (text and attribute contexts).
export { escapeHtml };

const e = escapeHtml;


function findingItem(f: Finding): string {
  return `<li class="${f.severity}" data-testid="doctor-finding" data-code="${e(f.code)}" data-severity="${f.severity}">
  <span class="code">${e(f.code)}</span><span class="sev">${f.severity}</span>
  <div class="message">${e(f.message)}</div>
  ${f.path ? `<div class="at"><b>at</b> ${e(f.path)}</div>` : ''}
  <div class="fix"><b>fix</b> ${e(f.hint)}</div>
</li>`;
}

function rows(pairs: [string, string][]): string {
  return `<table>${pairs.map(([k, v]) => `<tr><td>${e(k)}</td><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function auditSection(a: EmbedAudit): string {
  const signed = a.signedParams
    .map(
      (s) => `<h3>Signed param ${e(s.name)} = ${e(JSON.stringify(s.value))}${s.used ? '' : ' (never read by the entry)'}</h3>
${rows([...(Object.entries(s.verdicts) as [string, string][]), ['to lock', s.howToLock ?? 'locked under both rules']])}`,
    )
    .join('');
  return `<h2>Embed setup: ${e(a.embedId)} "${e(a.title)}"</h2>
${rows([
  ['Entry', a.entry ? `${a.entry.scope === 'dash' ? 'dashboard' : 'chart'} ${a.entry.entryId} "${a.entry.title}"` : 'deleted'],
  ['Params mode', a.paramsMode],
  ['Export', a.exportEnabled ? 'on' : 'off'],
  ['depsIds', a.depsIds.join(', ') || '(none)'],
  ['Params read', a.usedParams.join(', ') || '(none)'],
  ['Rule in force', a.rule],
  ...a.disabledSelectors.map((d): [string, string] => ['Disabled selector', `tab ${d.tabId} / ${d.id} (${d.param}): ${d.because}`]),
])}
${signed}`;
}

function results(report: Report): string {
  const outcome = report.outcome && !report.outcome.accepted ? [['Emulator answer', `${report.outcome.status} ${report.outcome.reason}: ${report.outcome.message}`] as [string, string]] : [];
  return `<section id="results">
<div class="verdict ${report.ok ? 'ok' : 'bad'}" data-testid="doctor-verdict">${report.ok ? '✔' : '✖'} ${e(headline(report))}</div>
<ul class="findings">${report.findings.map(findingItem).join('\n')}</ul>
<h2>Summary</h2>
${rows([...report.summary.map((f): [string, string] => [f.label, f.value]), ...outcome])}
${report.audit ? auditSection(report.audit) : ''}
<details><summary>JSON (what POST /_mock/validate returns)</summary><pre>${e(JSON.stringify(report, null, 2))}</pre></details>
</section>`;
}

/** What the ClickHouse form shows again after a run: never the password. */
export interface ClickHouseForm {
  url?: string;
  username?: string;
  databases?: string;
  connectorId?: string;
}

function clickhouseForm(f: ClickHouseForm = {}): string {
  const field = (name: string, label: string, value: string | undefined, extra = '') =>
    `<label for="ch-${name}">${label}</label><input id="ch-${name}" name="${name}" value="${e(value ?? '')}" autocomplete="off" spellcheck="false"${extra}>`;
  return `<h2>ClickHouse cluster audit</h2>
<p class="lead">Checks a partner cluster as DataLens uses it: the login, <code>readonly = 2</code>, no writes, the client databases and the template's tables. Give a registered connector, or the cluster itself.</p>
<form method="post" action="doctor/clickhouse" class="ch">
${field('connectorId', 'Connector ID (its cluster, connections and template)', f.connectorId)}
${field('url', 'or HTTP interface URL', f.url, ' placeholder="http://127.0.0.1:8123"')}
${field('username', 'User', f.username, ' placeholder="datalens"')}
<label for="ch-password">Password (never shown again)</label><input id="ch-password" name="password" type="password" autocomplete="off" value="">
${field('databases', 'Client databases (comma-separated)', f.databases, ' placeholder="client_1, client_2"')}
<button type="submit">Audit</button>
</form>`;
}

/**
 * The doctor page: a form that posts the input back (no script, no framework), then every
 * finding with its fix. The input travels in the POST body, never in the URL, so it stays out of logs.
 */
export function renderDoctorPage(o: { input?: string; report?: Report; clickhouse?: ClickHouseForm }): string {
  return `<!doctype html>
<html lang="en">
${pageHead('datalens-mock doctor')}
<body>
<h1>datalens-mock doctor</h1>
<p class="lead">Paste an embed token, a whole embed link, a partner access token, or the key your backend signs with. Every problem is listed, with its fix.</p>
<form method="post" action="doctor">
<label for="input">Token or link</label>
<textarea id="input" name="input" spellcheck="false" autocomplete="off" placeholder="https://…/embeds/dash?from=2024-01-01#dl_embed_token=eyJ…">${e(o.input ?? '')}</textarea>
<label for="key">Key to check the signature with (optional; public or private PEM, never shown again)</label>
<textarea id="key" name="key" spellcheck="false" autocomplete="off" placeholder="-----BEGIN PUBLIC KEY-----"></textarea>
<button type="submit">Check</button>
</form>
${o.report && o.report.kind !== 'clickhouse-cluster' ? results(o.report) : ''}
${clickhouseForm(o.clickhouse)}
${o.report && o.report.kind === 'clickhouse-cluster' ? results(o.report) : ''}
</body>
</html>
`;
}
