// POST /api/run drives the parameter engine end to end: both list modes, empty and non-empty lists,
// both rules, chart and dash tokens, selector runs.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CUTOVER } from '../core/config.js';
import type { SeedFileInput } from '../seed/schema.js';
import type { MockApp } from '../server.js';
import { DEMO_PRIVATE_KEY, httpOf, makeApp, tokenFor } from '../testing/fixtures.js';
import type { PrecedenceSetting } from '../core/types.js';

const ID = {
  chart: 'pchart0000001',
  dash: 'pdash00000001',
  enableAll: 'pembed0000001',
  deny: 'pembed0000002',
  allow: 'pembed0000003',
  disableEmpty: 'pembed0000004',
  dashEnable: 'pembed0000005',
  dashDeny: 'pembed0000006',
  dashPublic: 'pembed0000007',
} as const;

const ROWS = [
  { region: 'North', metric: 'sum', amount: 10 },
  { region: 'South', metric: 'sum', amount: 20 },
];

const embed = (key: string, id: string, entry: string, lists: object) => ({ key, id, title: key, secret: 'k', entry, ...lists });

const seed: SeedFileInput = {
  workbooks: [
    {
      id: 'pworkbook0001',
      title: 'Params',
      secrets: [{ key: 'k', id: 'psecret000001', title: 'key', privateKey: DEMO_PRIVATE_KEY }],
      charts: [{ key: 'c', id: ID.chart, title: 'Rows', visualization: 'table', rows: ROWS, filters: [{ param: 'region', column: 'region' }], params: { metric: 'sum' } }],
      dashboards: [
        {
          key: 'd',
          id: ID.dash,
          title: 'Dash',
          settings: { globalParams: { region: '', code: '' } },
          tabs: [
            {
              id: 't1',
              title: 'Tab',
              aliases: { default: [['region', 'code']] },
              items: [
                { id: 'sel-region', type: 'control', sourceType: 'manual', param: 'region', options: ['North', 'South'] },
                { id: 'sel-code', type: 'control', sourceType: 'manual', param: 'code', options: ['N', 'S'] },
                { id: 'sel-from', type: 'control', sourceType: 'manual', param: 'from', options: ['a', 'b'] },
                { id: 'sel-ext', type: 'control', sourceType: 'external', param: 'region' },
                { id: 'w1', type: 'widget', chartId: 'c' },
              ],
            },
          ],
        },
      ],
      embeds: [
        embed('e1', ID.enableAll, 'c', { publicParamsMode: false }),
        embed('e2', ID.deny, 'c', { publicParamsMode: false, privateParams: ['region'] }),
        embed('e3', ID.allow, 'c', { publicParamsMode: true, unsignedParams: ['from'] }),
        embed('e4', ID.disableEmpty, 'c', { publicParamsMode: true, unsignedParams: [] }),
        embed('e5', ID.dashEnable, 'd', { publicParamsMode: false }),
        embed('e6', ID.dashDeny, 'd', { publicParamsMode: false, privateParams: ['region'] }),
        embed('e7', ID.dashPublic, 'd', { publicParamsMode: true, unsignedParams: ['region'] }),
      ],
    },
  ],
};

let mock: MockApp;
let http: ReturnType<typeof httpOf>;
beforeAll(async () => {
  mock = await makeApp(seed);
  http = httpOf(mock);
});
afterAll(() => mock.close());

async function setRule(precedence: PrecedenceSetting, now: number | null = null) {
  await request(http).post('/_mock/clock').send({ now }).expect(200);
  await request(http).post('/_mock/settings').send({ precedence }).expect(200);
}

async function run(embedId: string, signed: Record<string, unknown>, body: object, extraHeaders: Record<string, string> = {}, now?: number) {
  const times = now === undefined ? {} : { iat: now, exp: now + 360 };
  const token = await tokenFor(embedId, { params: signed, ...times });
  return request(http).post('/api/run').set('x-dl-embed-token', token).set(extraHeaders).send(body);
}

const SW = 'signed-wins' as const;
const UW = 'unsigned-wins' as const;
const N = { region: 'North' };

interface ChartRow {
  name: string;
  embed: string;
  signed: Record<string, unknown>;
  params?: Record<string, unknown>;
  rule: typeof SW | typeof UW;
  effective: Record<string, unknown>;
  forbidden: string[] | null;
}

// Chart default `metric=sum` is merged by the runner under every result.
const chartRows: ChartRow[] = [
  { name: 'no unsigned params: a copy of the signed params, no forbidden set', embed: ID.deny, signed: N, rule: SW, effective: { metric: 'sum', region: 'North' }, forbidden: null },
  { name: 'Enable all, no list: the link is kept, signed wins a clash (signed-wins)', embed: ID.enableAll, signed: N, params: { region: 'South', from: 'a' }, rule: SW, effective: { metric: 'sum', region: 'North', from: 'a' }, forbidden: null },
  { name: 'Enable all, no list: the link overrides the signed value (unsigned-wins)', embed: ID.enableAll, signed: N, params: { region: 'South' }, rule: UW, effective: { metric: 'sum', region: 'South' }, forbidden: null },
  { name: 'Enable all + privateParams: forbidden = privateParams ∪ signed keys (signed-wins)', embed: ID.deny, signed: { org: '7' }, params: { region: 'South', from: 'a' }, rule: SW, effective: { metric: 'sum', org: '7', from: 'a' }, forbidden: ['region', 'org'] },
  { name: 'Enable all + privateParams: a deny-listed signed param is locked, others overridable, forbidden = privateParams (unsigned-wins)', embed: ID.deny, signed: { region: 'North', org: '7' }, params: { region: 'South', org: '8', from: 'a' }, rule: UW, effective: { metric: 'sum', region: 'North', org: '8', from: 'a' }, forbidden: ['region'] },
  { name: 'Disable all + enabled list: only listed params pass (signed-wins)', embed: ID.allow, signed: {}, params: { region: 'South', from: 'a' }, rule: SW, effective: { metric: 'sum', from: 'a' }, forbidden: null },
  { name: 'Disable all + enabled list: an unlisted signed param is locked (unsigned-wins)', embed: ID.allow, signed: N, params: { region: 'South' }, rule: UW, effective: { metric: 'sum', region: 'North' }, forbidden: null },
  { name: 'Disable all with an empty list drops every unsigned param (signed-wins)', embed: ID.disableEmpty, signed: {}, params: { region: 'South', from: 'a' }, rule: SW, effective: { metric: 'sum' }, forbidden: null },
  { name: 'Disable all with an empty list drops every unsigned param (unsigned-wins)', embed: ID.disableEmpty, signed: N, params: { region: 'South' }, rule: UW, effective: { metric: 'sum', region: 'North' }, forbidden: null },
  { name: 'a link value beats the chart default', embed: ID.enableAll, signed: {}, params: { metric: 'avg' }, rule: SW, effective: { metric: 'avg' }, forbidden: null },
];

describe('POST /api/run with a chart token: effective params per branch and rule', () => {
  it.each(chartRows)('$name', async (row) => {
    await setRule(row.rule);
    const res = await run(row.embed, row.signed, row.params === undefined ? {} : { params: row.params }, { 'x-dl-mock-explain': '1' });
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual(row.effective);
    expect(res.body.precedence).toBe(row.rule);
    expect(res.body.forbidden).toEqual(row.forbidden);
    expect(res.body.trace.map((t: { name: string }) => t.name)).toEqual(Object.keys({ ...row.signed, ...row.params, metric: 1 }).sort());
  });

  it('filters the chart rows with the effective params', async () => {
    await setRule(SW);
    const res = await run(ID.enableAll, N, { params: { region: 'South' } });
    expect(res.body.data.rows).toEqual([['North', 'sum', 10]]);
  });

  it('returns the trace only when asked with x-dl-mock-explain: 1', async () => {
    await setRule(SW);
    const res = await run(ID.deny, N, { params: { region: 'South' }, paramSources: { region: 'link' } }, { 'x-dl-mock-explain': '1' });
    const t = res.body.trace.find((x: { name: string }) => x.name === 'region');
    expect(t).toMatchObject({ winner: 'signed', list: 'dropped-private-params', rule: SW, forbidden: true });
    expect(t.candidates.map((c: { source: string; status: string }) => `${c.source}:${c.status}`)).toEqual(['signed:won', 'link:dropped']);
    const plain = await run(ID.deny, N, { params: { region: 'South' } });
    expect(plain.body.trace).toBeUndefined();
  });
});

describe('POST /api/run with by-date precedence follows the emulator clock', () => {
  it.each([
    { name: 'one second before the cutover the link wins (unsigned-wins)', now: DEFAULT_CUTOVER - 1, rule: UW, region: 'South' },
    { name: 'at the cutover the token wins (signed-wins)', now: DEFAULT_CUTOVER, rule: SW, region: 'North' },
  ])('$name', async ({ now, rule, region }) => {
    await setRule('by-date', now);
    const res = await run(ID.enableAll, N, { params: { region: 'South' } }, {}, now);
    expect(res.status).toBe(200);
    expect(res.body.precedence).toBe(rule);
    expect(res.body.params.region).toBe(region);
    await setRule(SW);
  });
});

describe('POST /api/run with a dash token: chart widgets', () => {
  it.each([
    { name: 'signed-wins: the signed value reaches the widget over the link', embed: ID.dashEnable, rule: SW, region: 'North' },
    { name: 'unsigned-wins: the link value reaches the widget over the signed one', embed: ID.dashEnable, rule: UW, region: ['South'] },
    { name: 'unsigned-wins + privateParams: the link value is dropped', embed: ID.dashDeny, rule: UW, region: 'North' },
  ])('$name', async (row) => {
    await setRule(row.rule);
    const res = await run(row.embed, N, { id: ID.chart, params: { region: ['South'] } });
    expect(res.status).toBe(200);
    expect(res.body.params.region).toEqual(row.region);
  });

  it('an alias of a private param is not filtered (no alias expansion in filterParams)', async () => {
    await setRule(SW);
    const res = await run(ID.dashDeny, {}, { id: ID.chart, params: { code: ['S'] } });
    expect(res.body.params.code).toEqual(['S']);
  });
});

interface SelectorRow {
  name: string;
  embed: string;
  control: string;
  signed: Record<string, unknown>;
  params?: Record<string, unknown>;
  rule: typeof SW | typeof UW;
  disabled: boolean;
  value: unknown;
}

const selectorRows: SelectorRow[] = [
  { name: 'a selector on a signed param is disabled and empty (signed-wins)', embed: ID.dashEnable, control: 'sel-region', signed: N, params: { region: 'South' }, rule: SW, disabled: true, value: '' },
  { name: 'a selector on a signed param works and overrides it (unsigned-wins)', embed: ID.dashEnable, control: 'sel-region', signed: N, params: { region: 'South' }, rule: UW, disabled: false, value: 'South' },
  { name: 'a selector on a signed param is disabled even with no params sent (no early return)', embed: ID.dashEnable, control: 'sel-region', signed: N, rule: SW, disabled: true, value: '' },
  { name: 'a selector on a privateParams param is disabled (signed-wins)', embed: ID.dashDeny, control: 'sel-region', signed: {}, params: { region: 'South' }, rule: SW, disabled: true, value: '' },
  { name: 'a selector on a privateParams param is disabled (unsigned-wins)', embed: ID.dashDeny, control: 'sel-region', signed: {}, params: { region: 'South' }, rule: UW, disabled: true, value: '' },
  { name: 'a selector whose alias is in privateParams is disabled', embed: ID.dashDeny, control: 'sel-code', signed: {}, params: { code: 'S' }, rule: SW, disabled: true, value: '' },
  { name: 'a selector on an unrelated param stays enabled', embed: ID.dashDeny, control: 'sel-from', signed: N, params: { from: 'b' }, rule: SW, disabled: false, value: 'b' },
  { name: 'an external selector is never disabled', embed: ID.dashDeny, control: 'sel-ext', signed: N, rule: SW, disabled: false, value: 'North' },
  { name: 'publicParamsMode=true never disables a selector', embed: ID.dashPublic, control: 'sel-region', signed: N, params: { region: 'South' }, rule: SW, disabled: false, value: 'North' },
];

describe('POST /api/run selector runs: uiScheme.controls[].disabled for selectors on forbidden or signed params', () => {
  it.each(selectorRows)('$name', async (row) => {
    await setRule(row.rule);
    const body = { controlData: { id: row.control, tabId: 't1' }, ...(row.params ? { params: row.params } : {}) };
    const res = await run(row.embed, row.signed, body);
    expect(res.status).toBe(200);
    const [control] = res.body.uiScheme.controls;
    expect(control.disabled).toBe(row.disabled);
    expect(control.value).toEqual(row.value);
    expect(res.body.precedence).toBe(row.rule);
  });
});
