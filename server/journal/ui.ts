// The journal as a page: /_mock/ui lists requests, /_mock/ui/requests/:id shows one with its trace.
// Server-rendered, no script: it must work when everything else is broken.
import { escapeHtml } from '../core/html.js';
import type { RequestJournal } from './journal.js';
import type { JournalEntry, JournalFilter } from './types.js';

const esc = escapeHtml;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td{white-space:pre-line}tr.rejected td{background:#fff4f0}tr.failed td{background:#fde}code,pre{font:12px/1.4 ui-monospace,monospace}
pre{background:#f7f7f7;padding:.6rem;overflow:auto;max-height:24rem}.why{font-size:15px;padding:.6rem;border-left:4px solid #4a4}
.why.rejected,.why.failed{border-color:#d44}form{margin:.8rem 0}input,select{margin-right:.5rem}nav a{margin-right:1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
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
  const form = `<form method="get" action="${esc(p.base)}/ui">${select('kind', f.kind, ['gateway', 'rpc', 'partner'])}${select('verdict', f.verdict, ['accepted', 'rejected', 'failed'])}
<input name="embedId" placeholder="embedId" value="${esc(f.embedId)}"><input name="reason" placeholder="reason" value="${esc(f.reason)}">
<input name="route" placeholder="route contains" value="${esc(f.route)}"><button>Filter</button> <a href="${esc(p.base)}/ui">clear</a></form>`;
  const rows = [...p.entries].reverse().map(
    (e) => `<tr class="${e.verdict}" data-testid="dl-journal-row" data-id="${e.id}"><td><a href="${esc(p.base)}/ui/requests/${e.id}">#${e.id}</a></td>
<td>${esc(e.time.slice(11, 23))}</td><td><code>${esc(e.route)}</code></td><td>${e.status}</td><td>${esc(e.verdict)}</td>
<td><code>${esc(e.embedId ?? e.rpcMethod ?? '')}</code></td><td>${esc(e.rejection?.reason ?? e.fault?.id ?? '')}</td><td>${e.durationMs} ms</td></tr>`,
  );
  const table = rows.length
    ? `<table><thead><tr><th>#</th><th>time</th><th>route</th><th>status</th><th>verdict</th><th>embed / method</th><th>reason</th><th>took</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p data-testid="dl-journal-empty">No requests recorded yet (or none match the filter).</p>';
  const others = p.namespaces.length
    ? `<p>Namespaces: ${p.namespaces.map((n) => `<a href="/_ns/${esc(encodeURIComponent(n))}/_mock/ui">${esc(n)}</a>`).join(', ')}</p>`
    : '';
  const stats = `${p.journal.size} of at most ${p.journal.capacity} kept${p.journal.dropped ? `, ${p.journal.dropped} older dropped` : ''}`;
  return page(
    'datalens-mock journal',
    `<h1>Request journal of ${esc(where)}</h1><nav><a href="${esc(p.base)}/ui">refresh</a><a href="${esc(p.base)}/journal">JSON</a></nav>
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

function paramsTable(e: JournalEntry): string {
  const p = e.params;
  if (!p) return '';
  const [signed, unsigned, effective] = [obj(p.signed), obj(p.unsigned), obj(p.effective)];
  const names = [...new Set([...Object.keys(signed), ...Object.keys(unsigned), ...Object.keys(effective)])].sort();
  const cell = (o: Record<string, unknown>, n: string) => (Object.hasOwn(o, n) ? esc(valueText(o[n])) : '<em>—</em>');
  const rows = names.map((n) => `<tr data-testid="dl-journal-param" data-name="${esc(n)}"><td><code>${esc(n)}</code></td><td>${cell(signed, n)}</td><td>${cell(unsigned, n)}</td><td>${cell(effective, n)}</td></tr>`);
  const meta = [p.rule ? `rule <code>${esc(p.rule)}</code>` : '', p.forbidden ? `forbidden <code>${esc(p.forbidden.join(', '))}</code>` : ''].filter(Boolean).join(' · ');
  return `<h2>Params</h2><p>${meta}</p><table><thead><tr><th>name</th><th>signed (token)</th><th>unsigned (sent)</th><th>effective</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="4">none</td></tr>'}</tbody></table>`;
}

/** A trace that is a list of records reads best as a table; anything else as JSON. */
function traceBlock(trace: unknown): string {
  if (trace === undefined || trace === null) return '';
  if (Array.isArray(trace) && trace.length > 0 && trace.every((t) => typeof t === 'object' && t !== null && !Array.isArray(t))) {
    const cols = [...new Set(trace.flatMap((t) => Object.keys(t as object)))];
    const rows = trace.map((t) => `<tr data-testid="dl-journal-trace-step">${cols.map((c) => `<td>${esc(valueText((t as Record<string, unknown>)[c]))}</td>`).join('')}</tr>`);
    return `<h2>Param trace</h2><table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
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
<table>${dl.join('')}</table>${rejection}${paramsTable(e)}${traceBlock(e.params?.trace)}${json('Token (signature redacted)', e.token)}${json('Request body', e.request)}${json('Response', e.response)}`,
  );
}
