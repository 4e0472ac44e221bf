import { describe, expect, it } from 'vitest';
import type { DashData, ParamValue } from '../core/types.js';
import { composeDashParams, readChartLink, readDashLink, toSearchParams } from './dash-link.js';

const DASH: DashData = {
  settings: { globalParams: { from: '2020-01-01', to: '', region: '' } },
  tabs: [
    { id: 'main', title: 'Main', items: [{ id: 's1', type: 'control', sourceType: 'manual', param: 'region', defaultValue: 'North' }] },
    { id: 'details', title: 'Details', items: [] },
  ],
};

describe('toSearchParams: what part of a link holds the query', () => {
  it.each([
    { name: 'a full link, the fragment never read', link: 'https://dl.example/embeds/dash?from=a#dl_embed_token=x.y.z&to=b', query: 'from=a' },
    { name: 'a query with its question mark', link: '?from=a&to=b', query: 'from=a&to=b' },
    { name: 'a bare query', link: 'from=a', query: 'from=a' },
    { name: 'a path without a query', link: '/embeds/chart#dl_embed_token=t', query: '' },
  ])('$name', ({ link, query }) => {
    expect(toSearchParams(link).toString()).toBe(query);
  });
});

describe('readDashLink: only declared globalParams, `tab` falls back, `state` is ignored', () => {
  it('reads only params declared in settings.globalParams, as arrays', () => {
    const r = readDashLink('?from=2022-01-01&to=2023-02-05&org=7', DASH);
    expect(r.params).toEqual({ from: ['2022-01-01'], to: ['2023-02-05'] });
    expect(r.ignored).toEqual([{ name: 'org', why: expect.stringMatching(/not declared in the dashboard settings/) }]);
  });

  it('reads a repeated key with getAll', () => {
    expect(readDashLink('region=North&region=South', DASH).params).toEqual({ region: ['North', 'South'] });
  });

  it('ignores `state` and says so', () => {
    const r = readDashLink('?state=abc123', DASH);
    expect(r.params).toEqual({});
    expect(r.ignored).toEqual([{ name: 'state', why: expect.stringMatching(/`state` is not accepted/) }]);
  });

  it('opens the tab named by `tab`', () => {
    const r = readDashLink('?tab=details', DASH);
    expect(r.tab?.id).toBe('details');
    expect(r.tabFallback).toBe(false);
    expect(r.ignored).toEqual([]);
  });

  it('falls back to the first tab for an unknown `tab`, and says so', () => {
    const r = readDashLink('?tab=nope', DASH);
    expect(r.tab?.id).toBe('main');
    expect(r.tabFallback).toBe(true);
    expect(r.ignored[0]).toEqual({ name: 'tab', why: expect.stringMatching(/first tab "main"/) });
  });

  it('opens the first tab when there is no `tab`', () => {
    const r = readDashLink('', DASH);
    expect(r.tab?.id).toBe('main');
    expect(r.requestedTab).toBeNull();
    expect(r.tabFallback).toBe(false);
  });

  it('reads nothing when the dashboard declares no params', () => {
    expect(readDashLink('from=a', { settings: {}, tabs: DASH.tabs }).params).toEqual({});
  });
});

describe('readChartLink', () => {
  it('reads every query key, a repeated one as an array, and skips DataLens URL options', () => {
    const r = readChartLink('/embeds/chart?from=2022-01-01&to=2023-02-05&id=1&id=2&_theme=dark#dl_embed_token=t');
    expect(r.params).toEqual({ from: '2022-01-01', to: '2023-02-05', id: ['1', '2'] });
    expect(r.sources).toEqual({ from: 'link', to: 'link', id: 'link' });
    expect(r.ignored).toEqual([]);
  });
});

describe('display options never become params, on either page', () => {
  const OPTIONS = '_theme=dark&_lang=en&_autoupdate=30&_bg_color=1e1e1e&_widgets_bg_color=333&_no_scroll=1&_opened_info=1&_embedded=1&_no_controls=1';
  const rows = [
    { name: 'chart: only the real params are read', read: () => readChartLink(`?region=North&${OPTIONS}`), params: { region: 'North' } },
    { name: 'chart: invalid option values are still not params', read: () => readChartLink('?_theme=blue&_autoupdate=5&_bg_color=%23fff'), params: {} },
    { name: 'dash: declared params only', read: () => readDashLink(`?region=South&${OPTIONS}`, DASH), params: { region: ['South'] } },
  ];
  it.each(rows)('$name', (row) => {
    const r = row.read();
    expect(r.params).toEqual(row.params);
    expect(r.ignored.filter((i) => i.name !== 'tab')).toEqual([]);
  });

  it('_action_params stays a URL option the page lists as ignored', () => {
    expect(readChartLink('?_action_params=x').ignored).toEqual([{ name: '_action_params', why: 'a DataLens URL option (page setting), not a param' }]);
  });
});

describe('composeDashParams: the order the page layers unsigned values (lowest first)', () => {
  const tab = DASH.tabs[0];
  const rows: { name: string; link: Record<string, ParamValue>; selectors: Record<string, ParamValue>; param: string; value: unknown; source: string }[] = [
    { name: 'dashboard params are the base', link: {}, selectors: {}, param: 'from', value: '2020-01-01', source: 'dashboard' },
    { name: 'a selector default beats a dashboard param', link: {}, selectors: {}, param: 'region', value: 'North', source: 'selector-default' },
    { name: 'a link value beats a selector default', link: { region: ['South'] }, selectors: {}, param: 'region', value: ['South'], source: 'link' },
    { name: 'a selector value beats the link', link: { region: ['South'] }, selectors: { region: 'East' }, param: 'region', value: 'East', source: 'selector' },
    { name: 'an empty array is sent as [""]', link: {}, selectors: { region: [] }, param: 'region', value: [''], source: 'selector' },
  ];
  it.each(rows)('$name', (row) => {
    const c = composeDashParams({ dash: DASH, tab, link: row.link, selectors: row.selectors });
    expect(c.params[row.param]).toEqual(row.value);
    expect(c.sources[row.param]).toBe(row.source);
  });

  it('widget defaults are the lowest layer', () => {
    const c = composeDashParams({ dash: DASH, tab, widgetDefaults: { from: '1999-01-01', metric: 'sum' } });
    expect(c.params).toMatchObject({ from: '2020-01-01', metric: 'sum' });
    expect(c.sources.metric).toBe('chart-default');
  });

  it('lists page-side losers as shadowed, latest first', () => {
    const c = composeDashParams({ dash: DASH, tab, link: { region: ['South'] } });
    expect(c.shadowed.region).toEqual([
      { source: 'selector-default', value: 'North', by: 'link' },
      { source: 'dashboard', value: '', by: 'link' },
    ]);
  });
});
