// The journal as a page: /_mock/ui lists requests, /_mock/ui/requests/:id shows one with its trace.
// Server-rendered, no script: it must work when everything else is broken.
import { escapeHtml } from '../core/html.js';
import { pageHead } from '../core/page-style.js';
import type { RequestJournal } from './journal.js';
import type { JournalEntry, JournalFilter } from './types.js';

const esc = escapeHtml;

/** The journal's own rules on top of the doctor's stylesheet: wide tables, a colour per verdict. */
const JOURNAL_STYLE = `
  body { max-width: 80rem; }
  th { text-align: left; color: #59636e; font-weight: 400; padding: .2rem .6rem .2rem 0; white-space: nowrap; vertical-align: top; }
  table.list th, table.params th { text-align: left; font-weight: 600; border-bottom: 1px solid #d1d9e0; padding: .3rem .6rem .3rem 0; }
  table.list td, table.params td { border-bottom: 1px solid #eef1f4; padding: .3rem .6rem .3rem 0; word-break: normal; }
  table.list td:first-child, table.params td:first-child { width: auto; }
  tr.rejected td { background: #fff8f0; } tr.failed td { background: #ffebe9; }
  code { font: 12px ui-monospace, monospace; }
  .why { padding: .6rem .9rem; border-radius: 6px; font-weight: 600; background: #dafbe1; }
  .why.rejected, .why.failed { background: #ffebe9; }
  td.why-cell { color: #1f2328; white-space: pre-line; }
  form.filter { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 1rem 0; }
  form.filter input, form.filter select { font: inherit; padding: .25rem .4rem; }
  form.filter button, form.doctor button { margin-top: 0; }
  nav a { margin-right: 1rem; }
  pre { max-height: 24rem; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
${pageHead(title, JOURNAL_STYLE)}
<body>
${body}
</body>
</html>
`;
}

function select(name: string, value: string | undefined, options: string[]): string {
  const opts = ['', ...options].map((o) => `<option value="${esc(o)}"${o === (value ?? '') ? ' selected' : ''}>${esc(o || `any ${name}`)}</option>`);
  return `<select name="${name}" data-testid="dl-journal-filter-${name}">${opts.join('')}</select>`;
}

export interface ListPageInput {
  /** The mount path of the controls, e.g. `/_mock` or `/_ns/w1/_mock` (links are absolute). */
  base: string;
  entries: JournalEntry[];
  filter: JournalFilter;
  journal: RequestJournal;
  namespace?: string;
  namespaces: string[];
}

export function renderListPage(p: ListPageInput): string {
  const f = p.filter;
  const where = p.namespace ? `namespace ${p.namespace}` : 'this emulator';
  const form = `<form class="filter" method="get" action="${esc(p.base)}/ui">${select('kind', f.kind, ['gateway', 'rpc', 'partner'])}${select('verdict', f.verdict, ['accepted', 'rejected', 'failed'])}
<input name="embedId" placeholder="embedId" value="${esc(f.embedId)}"><input name="reason" placeholder="reason" value="${esc(f.reason)}">
<input name="route" placeholder="route contains" value="${esc(f.route)}"><button>Filter</button> <a href="${esc(p.base)}/ui">clear</a></form>`;
  const rows = [...p.entries].reverse().map(
    (e) => `<tr class="${e.verdict}" data-testid="dl-journal-row" data-id="${e.id}"><td><a href="${esc(p.base)}/ui/requests/${e.id}">#${e.id}</a></td>
<td>${esc(e.time.slice(11, 23))}</td><td><code>${esc(e.route)}</code></td><td>${e.status}</td><td>${esc(e.verdict)}</td>
<td><code>${esc(e.embedId ?? e.rpcMethod ?? '')}</code></td><td>${esc(e.rejection?.reason ?? e.fault?.id ?? '')}</td><td>${e.durationMs} ms</td></tr>`,
  );
  const table = rows.length
    ? `<table class="list"><thead><tr><th>#</th><th>time</th><th>route</th><th>status</th><th>verdict</th><th>embed / method</th><th>reason</th><th>took</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p data-testid="dl-journal-empty">No requests recorded yet (or none match the filter).</p>';
  const others = p.namespaces.length
    ? `<p>Namespaces: ${p.namespaces.map((n) => `<a href="/_ns/${esc(encodeURIComponent(n))}/_mock/ui">${esc(n)}</a>`).join(', ')}</p>`
    : '';
  const stats = `${p.journal.size} of at most ${p.journal.capacity} kept${p.journal.dropped ? `, ${p.journal.dropped} older dropped` : ''}`;
  return page(
    'datalens-mock journal',
    `<h1>Request journal of ${esc(where)}</h1><p class="lead">Every gateway, rpc and partner request, with why it was accepted or refused.</p><nav><a href="${esc(p.base)}/ui">refresh</a><a href="${esc(p.base)}/journal">JSON</a></nav>
<p>${stats}. Newest first. Token signatures and private keys are never kept.</p>${others}${form}${table}`,
  );
}

function valueText(v: unknown): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : recordText(x))).join(v.some((x) => typeof x === 'object' && x !== null) ? '\n' : ', ');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `{source: 'signed', value: 'South', status: 'won'}` reads `source: signed; value: South; status: won`. */
function recordText(x: unknown): string {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return JSON.stringify(x);
  return Object.entries(x).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

interface TraceStep {
  name?: unknown;
  winner?: unknown;
  lock?: unknown;
  because?: unknown;
  forbidden?: unknown;
}

/** One param's "why", from the param engine's trace: the sentence, who won, and whether the value is locked. */
function whyText(step: TraceStep | undefined): string {
  if (!step) return '';
  const parts = [typeof step.because === 'string' ? step.because : ''];
  if (typeof step.winner === 'string') parts.push(`winner: ${step.winner}`);
  if (typeof step.lock === 'string' && step.lock) parts.push(`lock: ${step.lock}`);
  if (step.forbidden === true) parts.push('forbidden by the embed');
  return parts.filter(Boolean).join('\n');
}

/** The parameter explain trace: per param, signed, unsigned, effective, and why. */
function paramsTable(e: JournalEntry): string {
  const p = e.params;
  if (!p) return '';
  const [signed, unsigned, effective] = [obj(p.signed), obj(p.unsigned), obj(p.effective)];
  const steps = new Map<string, TraceStep>();
  if (Array.isArray(p.trace)) for (const t of p.trace) if (typeof obj(t).name === 'string') steps.set(obj(t).name as string, obj(t) as TraceStep);
  const names = [...new Set([...Object.keys(signed), ...Object.keys(unsigned), ...Object.keys(effective), ...steps.keys()])].sort();
  const cell = (o: Record<string, unknown>, n: string) => (Object.hasOwn(o, n) ? esc(valueText(o[n])) : '<em>—</em>');
  const rows = names.map(
    (n) =>
      `<tr data-testid="dl-journal-param" data-name="${esc(n)}"><td><code>${esc(n)}</code></td><td>${cell(signed, n)}</td><td>${cell(unsigned, n)}</td><td>${cell(effective, n)}</td><td class="why-cell" data-testid="dl-journal-param-why">${esc(whyText(steps.get(n)))}</td></tr>`,
  );
  const meta = [p.rule ? `rule <code>${esc(p.rule)}</code>` : '', p.forbidden ? `forbidden <code>${esc(p.forbidden.join(', '))}</code>` : ''].filter(Boolean).join(' · ');
  return `<h2>Params: explain</h2><p class="lead">${meta}</p><table class="params" data-testid="dl-journal-params"><thead><tr><th>name</th><th>signed (token)</th><th>unsigned (sent)</th><th>effective</th><th>why</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="5">none</td></tr>'}</tbody></table>`;
}

/**
 * A form that opens the entry's token in the doctor. It posts (the token never goes into a URL,
 * where access logs and the browser history would keep it); the journal holds the token without its
 * signature, so the doctor checks everything but the signature, which this entry's verdict covers.
 */
function doctorForm(e: JournalEntry, base: string): string {
  const t = e.token;
  if (!t || !('unsigned' in t) || typeof t.unsigned !== 'string') return '';
  return `<form class="doctor" method="post" action="${esc(base)}/doctor" data-testid="dl-journal-doctor"><input type="hidden" name="input" value="${esc(t.unsigned)}"><button type="submit">Open this token in the doctor</button> <span class="lead">without its signature (the journal never keeps it): the doctor reports that, and checks the rest.</span></form>`;
}

/** A trace that is a list of records reads best as a table; anything else as JSON. */
function traceBlock(trace: unknown): string {
  if (trace === undefined || trace === null) return '';
  if (Array.isArray(trace) && trace.length > 0 && trace.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t))) {
    const cols = [...new Set(trace.flatMap((t) => Object.keys(t as object)))];
    const rows = trace.map((t) => `<tr data-testid="dl-journal-trace-step">${cols.map((c) => `<td>${esc(valueText((t as Record<string, unknown>)[c]))}</td>`).join('')}</tr>`);
    return `<h2>Param trace: every candidate</h2><table class="params"><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  }
  return `<h2>Param trace</h2><pre data-testid="dl-journal-trace">${esc(JSON.stringify(trace, null, 2))}</pre>`;
}

const json = (title: string, v: unknown) => (v === undefined ? '' : `<h2>${esc(title)}</h2><pre>${esc(JSON.stringify(v, null, 2))}</pre>`);

export function renderEntryPage(e: JournalEntry, base: string, namespace?: string): string {
  const facts: [string, unknown][] = [
    ['time', e.time],
    ['emulator clock', `${e.clock} (${new Date(e.clock * 1000).toISOString()})`],
    ['route', e.route],
    ['status', e.status],
    ['took', `${e.durationMs} ms`],
    ['embedId', e.embedId],
    ['entryId', e.entryId],
    ['rpc method', e.rpcMethod],
    ['fault', e.fault && `${e.fault.id}: ${e.fault.description}`],
    ['namespace', namespace],
  ];
  const dl = facts.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`);
  const rejection = e.rejection
    ? `<h2>Rejection</h2><table data-testid="dl-journal-rejection"><tr><th>reason</th><td><code>${esc(e.rejection.reason)}</code></td></tr><tr><th>message</th><td>${esc(e.rejection.message)}</td></tr><tr><th>fix</th><td>${esc(e.rejection.hint)}</td></tr>${e.rejection.field ? `<tr><th>field</th><td>${esc(e.rejection.field)}</td></tr>` : ''}</table>`
    : '';
  return page(
    `#${e.id} ${e.route}`,
    `<nav><a href="${esc(base)}/ui">← all requests</a><a href="${esc(base)}/journal/${e.id}">JSON</a></nav>
<h1>#${e.id} <code>${esc(e.route)}</code> → ${e.status}</h1><p class="why ${e.verdict}" data-testid="dl-journal-why">${esc(e.why)}</p>
<table>${dl.join('')}</table>${doctorForm(e, base)}${rejection}${paramsTable(e)}${traceBlock(e.params?.trace)}${json('Token (signature redacted)', e.token)}${json('Request body', e.request)}${json('Response', e.response)}`,
  );
}
