import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import type { SeedFileInput } from '../seed/schema.js';
import { DEMO_PRIVATE_KEY, makeApp, tokenFor } from '../testing/fixtures.js';
import { isForbiddenBySecureConfig } from './dash.js';

const DENY = 'selembed00001';
const OPEN = 'selembed00002';
const ROWS = [{ shop: 'A', region: 'North' }, { shop: 'B', region: 'South' }];

function seed(): SeedFileInput {
  return {
    workbooks: [
      {
        id: 'selworkbook01',
        title: 'Selectors',
        secrets: [{ key: 'k', id: 'selsecret0001', title: 'Key', privateKey: DEMO_PRIVATE_KEY }],
        charts: [{ key: 'c', id: 'selchart00001', title: 'Rows', visualization: 'table', rows: ROWS }],
        dashboards: [
          {
            key: 'd',
            id: 'seldash000001',
            title: 'Dash',
            settings: { globalParams: { region: '' } },
            tabs: [
              {
                id: 'plain',
                title: 'No aliases',
                items: [
                  { id: 'conn', type: 'control', sourceType: 'connection', param: 'shop', chartId: 'c' },
                  { id: 'ext', type: 'control', sourceType: 'external', param: 'shop' },
                  { id: 'man', type: 'control', sourceType: 'manual', param: 'city', options: ['X'] },
                  { id: 'ns', type: 'control', sourceType: 'manual', param: 'region', namespace: 'default', options: ['North'] },
                  { id: 'w', type: 'widget', chartId: 'c' },
                ],
              },
              {
                id: 'aliased',
                title: 'With aliases',
                aliases: { default: [['region', 'shop']] },
                items: [
                  { id: 'ns2', type: 'control', sourceType: 'manual', param: 'region', namespace: 'default', options: ['North'] },
                  { id: 'conn2', type: 'control', sourceType: 'connection', param: 'region', options: ['North'] },
                ],
              },
            ],
          },
        ],
        embeds: [
          { key: 'deny', id: DENY, title: 'Deny list', secret: 'k', entry: 'd', publicParamsMode: false, privateParams: ['shop'] },
          { key: 'open', id: OPEN, title: 'Disable all', secret: 'k', entry: 'd', publicParamsMode: true },
        ],
      },
    ],
  };
}

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp(seed());
});
afterAll(() => mock.close());

async function control(embedId: string, id: string, tabId: string, o: { params?: Record<string, unknown>; signed?: Record<string, string> } = {}) {
  const token = await tokenFor(embedId, { params: o.signed ?? {} });
  return request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({ controlData: { id, tabId }, ...(o.params ? { params: o.params } : {}) });
}

describe("the second disabling path: the request's forbidden set (connection selectors too)", () => {
  it.each([
    ['a forbidden set holding the param', { sourceType: 'connection', param: 'shop' }, ['shop'], true],
    ['a forbidden set without it', { sourceType: 'connection', param: 'shop' }, ['city'], false],
    ['no forbidden set', { sourceType: 'connection', param: 'shop' }, null, false],
    ['an external selector', { sourceType: 'external', param: 'shop' }, ['shop'], false],
    ['a manual selector, no alias expansion', { sourceType: 'manual', param: 'area' }, ['region'], false],
  ] as const)('%s', (_name, c, forbidden, disabled) => {
    expect(isForbiddenBySecureConfig(c, forbidden).disabled).toBe(disabled);
  });

  it('disables a connection selector on a privateParams param when the request has params', async () => {
    const r = await control(DENY, 'conn', 'plain', { params: { region: ['North'] } });
    expect(r.status).toBe(200);
    expect(r.body.uiScheme.controls[0]).toMatchObject({ sourceType: 'connection', param: 'shop', disabled: true, value: '' });
    expect(r.body.uiScheme.controls[0].because).toMatch(/forbidden set/);
  });

  it('leaves it enabled without request params (no forbidden set), as DataLens', async () => {
    const r = await control(DENY, 'conn', 'plain');
    expect(r.body.uiScheme.controls[0]).toMatchObject({ disabled: false, options: ['A', 'B'] });
  });

  it('disables a connection selector on a signed param, and never an external one', async () => {
    const signed = await control(DENY, 'conn2', 'aliased', { params: { city: ['X'] }, signed: { region: 'North' } });
    expect(signed.body.uiScheme.controls[0].disabled).toBe(true);
    const ext = await control(DENY, 'ext', 'plain', { params: { region: ['North'] } });
    expect(ext.body.uiScheme.controls[0].disabled).toBe(false);
  });

  it('does not expand aliases on this path: a connection selector on an alias of a private param stays enabled', async () => {
    // conn2 writes "region", aliased with the private "shop"; isControlDisabled skips connection selectors.
    const r = await control(DENY, 'conn2', 'aliased', { params: { city: ['X'] } });
    expect(r.body.uiScheme.controls[0].disabled).toBe(false);
  });
});

describe('a selector with a namespace on a tab without aliases (DataLens throws: 500)', () => {
  it("answers DataLens's generic 500 body with the mock reason and the fix", async () => {
    const r = await control(DENY, 'ns', 'plain', { params: { region: ['North'] } });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      code: 'ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR',
      error: { code: 'ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR', details: { code: 500 }, extra: { hideRetry: false } },
      mock: { reason: 'CONTROL_NAMESPACE_WITHOUT_ALIASES', message: expect.stringMatching(/namespace "default".*no aliases object/), hint: expect.stringMatching(/aliases object/) },
    });
    // Nothing else breaks: the other selectors of the tab, and the same selector on a tab with aliases.
    expect((await control(DENY, 'man', 'plain', { params: { region: ['North'] } })).status).toBe(200);
    expect((await control(DENY, 'ns2', 'aliased', { params: { region: ['North'] } })).status).toBe(200);
  });

  it('does not throw where DataLens returns before reading the aliases (publicParamsMode true)', async () => {
    expect((await control(OPEN, 'ns', 'plain')).status).toBe(200);
  });

  it('the doctor embed audit warns before it bites (DLM-508)', async () => {
    const deny = await request(mock.app).post('/_mock/validate').send({ input: await tokenFor(DENY) });
    expect(deny.body.findings).toContainEqual(expect.objectContaining({ code: 'DLM-508', severity: 'error', path: 'dash.tabs[plain].aliases' }));
    const open = await request(mock.app).post('/_mock/validate').send({ input: await tokenFor(OPEN) });
    expect(open.body.findings).toContainEqual(expect.objectContaining({ code: 'DLM-508', severity: 'warning' }));
  });

  it('is fixed by giving the tab an aliases object', async () => {
    const dash = (await request(mock.app).post('/rpc/getEntry').send({ entryId: 'seldash000001' })).body;
    const tabs = dash.data.tabs.map((t: { id: string }) => (t.id === 'plain' ? { ...t, aliases: {} } : t));
    await request(mock.app).post('/rpc/updateDashboard').send({ entryId: 'seldash000001', title: dash.title, settings: dash.data.settings, tabs }).expect(200);
    expect((await control(DENY, 'ns', 'plain', { params: { region: ['North'] } })).status).toBe(200);
    const after = await request(mock.app).post('/_mock/validate').send({ input: await tokenFor(DENY) });
    expect(after.body.findings.map((f: { code: string }) => f.code)).not.toContain('DLM-508');
  });
});
