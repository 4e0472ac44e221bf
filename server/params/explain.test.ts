import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explainRepro } from './explain.js';
import { registerExplainCommand } from './explain-cli.js';
import { renderExplain } from './explain-render.js';
import { parseRepro, ReproError } from './repro.js';

const REPROS = join(import.meta.dirname, '../../client-fixtures/repros');
const files = readdirSync(REPROS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('shipped repros (client-fixtures/repros): each holds its own expectations under both rules', () => {
  it('ships repros for every seed example and recommendation', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'chart-from-to-link.yaml',
        'dash-from-to-link.yaml',
        'chart-signed-overridden-by-link.yaml',
        'lock-chart-enable-all.yaml',
        'lock-chart-disable-all.yaml',
        'lock-dash.yaml',
        'dash-selector-on-signed-param.yaml',
        'dash-undeclared-state-tab.yaml',
      ]),
    );
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(REPROS, file), 'utf8');
    expect(text.startsWith('#'), 'starts with a comment saying what it demonstrates').toBe(true);
    const report = explainRepro(parseRepro(text, file));
    expect(report.expectations.map((e) => e.rule)).toEqual(['signed-wins', 'unsigned-wins']);
    for (const e of report.expectations) expect(e.failures, `${file} ${e.rule}`).toEqual([]);
    const out = renderExplain(report, file);
    expect(out).toMatch(/effective params\s+signed-wins\s+unsigned-wins/);
    expect(out).toContain('Per-param trace');
    expect(out.includes('<-- differs')).toBe(report.differences.length > 0);
  });
});

describe('explainRepro: what the report says', () => {
  const lockDash = parseRepro(readFileSync(join(REPROS, 'dash-selector-on-signed-param.yaml'), 'utf8'), 'x');

  it('marks the params and selectors that differ between the rules', () => {
    expect(explainRepro(lockDash).differences).toEqual(['region', 'selector:s-region']);
  });

  it('does not send a value picked in a selector that is disabled under that rule', () => {
    const r = explainRepro(lockDash);
    expect(r.outcomes['signed-wins'].sent).toEqual({ region: '' });
    expect(r.outcomes['unsigned-wins'].sent).toEqual({ region: 'South' });
    expect(r.outcomes['signed-wins'].notes[0]).toMatch(/s-region is disabled/);
  });

  it('reports a failed expectation with the expected and actual values', () => {
    const r = explainRepro(parseRepro('title: t\nembed: {publicParamsMode: false}\nquery: a=1\nexpect: {signed-wins: {params: {a: "2"}}}', 'x'));
    expect(r.expectations).toEqual([{ rule: 'signed-wins', ok: false, failures: ['params.a: expected "2", got "1"'] }]);
    expect(renderExplain(r)).toContain('expect signed-wins: FAILED');
  });

  /** A tenant id signed and locked, two more params from the link: the case where an exact match surprises. */
  const tenant = (expectation: string) =>
    explainRepro(
      parseRepro(
        `title: t\nembed: {publicParamsMode: false, privateParams: [org_id]}\ntoken: {params: {org_id: org-42}}\nquery: org_id=evil&from=2024-01-01&region=North\nexpect: {signed-wins: ${expectation}}`,
        'x',
      ),
    ).expectations[0];

  it.each([
    [
      'params (exact) names only the extra params, and says how to check a subset',
      '{params: {org_id: org-42}}',
      [
        'params.from: not expected, got "2024-01-01" (params is an exact match; paramsInclude checks only the params it lists)',
        'params.region: not expected, got "North"',
      ],
    ],
    ['paramsInclude holds when the listed params match, whatever else is there', '{paramsInclude: {org_id: org-42}}', []],
    ['paramsInclude names a param with another value', '{paramsInclude: {org_id: org-42, region: South}}', ['paramsInclude.region: expected "South", got "North"']],
    ['paramsInclude names a missing param', '{paramsInclude: {org_id: org-42, to: 2024-12-31}}', ['paramsInclude.to: missing (expected "2024-12-31")']],
    ['params lists missing, different and extra params, each once, by name', '{params: {org_id: org-1, to: x, region: North}}', [
      'params.from: not expected, got "2024-01-01" (params is an exact match; paramsInclude checks only the params it lists)',
      'params.org_id: expected "org-1", got "org-42"',
      'params.to: missing (expected "x")',
    ]],
    ['params holds when every param matches exactly, in any key order', '{params: {region: North, org_id: org-42, from: 2024-01-01}}', []],
  ])('%s', (_name, expectation, failures) => {
    const e = tenant(expectation);
    expect(e.failures).toEqual(failures);
    expect(e.ok).toBe(failures.length === 0);
  });

  it('prints only the differing params under a failed expectation, never the two whole maps', () => {
    const r = explainRepro(
      parseRepro('title: t\nembed: {publicParamsMode: false}\nquery: org_id=org-42&a=1&b=2\nexpect: {signed-wins: {params: {org_id: org-42}}}', 'x'),
    );
    const out = renderExplain(r);
    const block = out.slice(out.indexOf('expect signed-wins: FAILED'));
    expect(block).toContain('params.a: not expected, got "1"');
    expect(block).toContain('params.b: not expected, got "2"');
    expect(block).not.toContain('org_id');
  });
});

describe('parseRepro: errors name the path and the problem', () => {
  const rows = [
    { name: 'a missing publicParamsMode', text: 'title: t\nembed: {}', path: 'embed.publicParamsMode', message: /required: true = "Disable all"/ },
    { name: 'a non-string list entry', text: 'title: t\nembed: {publicParamsMode: false, privateParams: [1]}', path: 'embed.privateParams.0', message: /expected string/ },
    { name: 'an unknown field', text: 'title: t\nembed: {publicParamsMode: false}\ntokn: {}', path: '', message: /tokn/ },
    { name: 'both link and query', text: 'title: t\nembed: {publicParamsMode: false}\nlink: "?a=1"\nquery: a=1', path: 'query', message: /either `link` or `query`/ },
    { name: 'selectors without a dash', text: 'title: t\nembed: {publicParamsMode: false}\nselectors: {a: b}', path: 'selectors', message: /need a `dash`/ },
    { name: 'a dash without tabs', text: 'title: t\nembed: {publicParamsMode: false}\ndash: {tabs: []}', path: 'dash.tabs', message: /at least one tab/ },
    { name: 'broken YAML', text: 'title: [x\n', path: '', message: /not valid YAML/ },
  ];
  it.each(rows)('$name', (row) => {
    let err: unknown;
    try {
      parseRepro(row.text, 'f.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReproError);
    const problem = (err as ReproError).problems.find((p) => p.path === row.path);
    expect(problem?.message).toMatch(row.message);
    expect((err as ReproError).message).toMatch(/^f\.yaml: invalid repro file/);
  });
});

describe('datalens-mock explain (CLI)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  async function runCli(args: string[]): Promise<{ out: string; exitCode: number | undefined; error?: string }> {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    const program = new Command('datalens-mock').exitOverride().configureOutput({ writeErr: () => {} });
    registerExplainCommand(program);
    try {
      await program.parseAsync(['node', 'datalens-mock', 'explain', ...args]);
      return { out, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
    } catch (e) {
      return { out, exitCode: (e as { exitCode?: number }).exitCode, error: (e as Error).message };
    }
  }

  it('prints both rules side by side and the trace', async () => {
    const r = await runCli([join(REPROS, 'chart-signed-overridden-by-link.yaml')]);
    expect(r.exitCode).toBeUndefined();
    expect(r.out).toMatch(/region\s+North\s+South\s+<-- differs/);
    expect(r.out).toContain('signed, but overridable from the link under unsigned-wins unless listed in privateParams');
  });

  it('prints the report as JSON with --json', async () => {
    const r = await runCli([join(REPROS, 'lock-chart-enable-all.yaml'), '--json']);
    const report = JSON.parse(r.out);
    expect(report.outcomes['signed-wins'].params).toEqual({ region: 'North', from: '2022-01-01' });
    expect(report.outcomes['unsigned-wins'].trace.find((t: { name: string }) => t.name === 'region').lock).toMatch(/^locked/);
  });

  it('runs a shipped repro by name, from any working directory', async () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const r = await runCli(['lock-chart-enable-all', '--json']);
      expect(r.exitCode).toBeUndefined();
      expect(JSON.parse(r.out).outcomes['signed-wins'].params).toEqual({ region: 'North', from: '2022-01-01' });
    } finally {
      process.chdir(cwd);
    }
  });

  it('lists the shipped repros by name with their titles', async () => {
    const r = await runCli(['--list']);
    expect(r.out.trim().split('\n')).toHaveLength(files.filter((f) => f.endsWith('.yaml')).length);
    expect(r.out).toMatch(/^lock-chart-enable-all\s+Locking a chart param in "Enable all" mode$/m);
    const json = JSON.parse((await runCli(['--list', '--json'])).out);
    expect(json.find((x: { name: string }) => x.name === 'lock-dash').file).toBe(join(REPROS, 'lock-dash.yaml'));
  });

  it('exits 2 on a name that is neither a file nor a shipped repro, pointing at --list', async () => {
    const r = await runCli(['no-such-repro']);
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/cannot read no-such-repro: ENOENT; it is not the name of a shipped repro either \(datalens-mock explain --list/);
    expect((await runCli([])).exitCode).toBe(2);
  });

  it('exits 2 naming the file when it is invalid', async () => {
    const r = await runCli(['/nonexistent/repro.yaml']);
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/cannot read \/nonexistent\/repro\.yaml/);
  });
});

describe('explain: display options never reach the trace', () => {
  it('a chart link with options explains only its params, and lists no option as ignored', () => {
    const r = parseRepro(JSON.stringify({ title: 'options', embed: { publicParamsMode: false }, link: '/embeds/chart?region=North&_theme=dark&_autoupdate=5&_bg_color=000#dl_embed_token=x' }), 'options.json');
    const report = explainRepro(r);
    expect(report.ignored).toEqual([]);
    for (const rule of ['signed-wins', 'unsigned-wins'] as const) expect(Object.keys(report.outcomes[rule].params)).toEqual(['region']);
    expect(renderExplain(report, 'options.json')).not.toMatch(/_theme|_autoupdate|_bg_color/);
  });
});
