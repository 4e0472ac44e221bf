import { afterEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import type { ChartEntry, DashEntry } from '../core/types.js';
import { usedParams } from './audit/used-params.js';
import { diagnose } from './engine.js';
import { emulatorEnv } from './env.js';
import { corpusApp, loadCorpus } from './testing.js';

const corpus = loadCorpus();
const input = (name: string) => corpus.cases.find((c) => c.name === name)!.input;

const entryBase = { workbookId: 'w', title: 't', createdAt: '', updatedAt: '' };
const chart = (entryId: string, data: Partial<ChartEntry['data']>): ChartEntry => ({ ...entryBase, entryId, scope: 'widget', data: { visualization: 'table', ...data } });

describe('usedParams: the params an entry reads', () => {
  it('reads a chart’s filters, the names bound in its SQL, and its own defaults', () => {
    const c = chart('c', { filters: [{ param: 'region', column: 'region' }], sql: 'SELECT * FROM t WHERE a = :from AND dl_in(b, @to)', params: { year: '2024' } });
    expect([...usedParams(c, () => undefined)].sort()).toEqual(['from', 'region', 'to', 'year']);
  });

  it('reads a dashboard’s declared params, selectors, alias groups and its charts', () => {
    const charts = { c1: chart('c1', { filters: [{ param: 'city', column: 'city' }] }), c2: chart('c2', { sql: 'SELECT :shop' }) };
    const dash: DashEntry = {
      ...entryBase,
      entryId: 'd',
      scope: 'dash',
      data: {
        settings: { globalParams: { from: '' } },
        tabs: [
          {
            id: 't1',
            title: 'T',
            aliases: { default: [['region', 'area']] },
            items: [
              { id: 's', type: 'control', sourceType: 'dataset', param: 'region', chartId: 'c2' },
              { id: 'w', type: 'widget', chartId: 'c1' },
            ],
          },
        ],
      },
    };
    expect([...usedParams(dash, (id) => charts[id as keyof typeof charts])].sort()).toEqual(['area', 'city', 'from', 'region', 'shop']);
  });
});

describe('embed-setup findings that need a changed emulator state', () => {
  let mock: MockApp | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('DLM-504: depsIds names an entry deleted after the embed was made', async () => {
    mock = await corpusApp(corpus);
    mock.ctx.store.entries.delete('dcchartother1');
    const report = await diagnose(input('valid dashboard link with a declared param and a tab'), await emulatorEnv(mock.ctx));
    expect(report.findings.map((f) => f.code)).toEqual(['DLM-504']);
    expect(report.findings[0].message).toContain('dcchartother1');
    expect(report.ok).toBe(true);
  });

  it('DLM-302: the embed points to an entry that no longer exists', async () => {
    mock = await corpusApp(corpus);
    const env = await emulatorEnv(mock.ctx);
    // The store deletes an entry's embeds with it, so a dangling embed only exists in a view.
    env.emulator!.entry = (id) => (id === 'dcchartsales1' ? undefined : mock!.ctx.store.entries.get(id));
    const report = await diagnose(input('valid chart token'), env);
    expect(report.findings.map((f) => f.code)).toEqual(['DLM-302']);
    expect(report.audit?.entry).toBeNull();
  });

  it('audits each signed param under both rules and says how to lock it', async () => {
    mock = await corpusApp(corpus);
    const report = await diagnose(input('valid signed dashboard embed (selector on a signed param is disabled by design)'), await emulatorEnv(mock.ctx));
    expect(report.findings).toEqual([]);
    const [region] = report.audit!.signedParams;
    expect(region).toMatchObject({ name: 'region', value: 'North', used: true, lockedUnderBothRules: false });
    expect(region.verdicts['signed-wins']).toMatch(/^locked/);
    expect(region.verdicts['unsigned-wins']).toMatch(/overridable/);
    expect(region.howToLock).toBe('Dashboard, "Enable all" mode: add "region" to privateParams (the disabled list).');
    expect(report.audit!.disabledSelectors).toEqual([{ tabId: 't1', id: 'sel-region', param: 'region', because: expect.stringContaining('signed') }]);
    expect(report.audit!.exportEnabled).toBe(true);
  });
});
