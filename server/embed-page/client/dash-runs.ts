// One refresh of a dashboard tab: every selector runs with `controlData`, every chart with `id`, as in DataLens.
import { composeDashParams, type IgnoredLinkParam } from '../../params/dash-link.js';
import type { DashData, DashTab as EngineTab, ParamValue } from '../../core/types.js';
import { callGateway } from './api.js';
import { EMBED_USAGE_LIMIT_CODE, type WidgetError } from './errors.js';
import type { DashConfig, DashTab, RunResponse } from './types.js';
import type { ChartWidget } from './views/chart-widget.js';
import type { SelectorView } from './views/selector.js';

export interface TabViews {
  tab: DashTab;
  widgets: Map<string, ChartWidget>;
  selectors: Map<string, SelectorView>;
}

export interface RefreshInput {
  config: DashConfig;
  views: TabViews;
  linkParams: Record<string, string[]>;
  /** Values the viewer picked, by param (kept across token updates and tab switches). */
  picked: Record<string, ParamValue>;
  ignored: IgnoredLinkParam[];
  runUrl: string;
  token: string;
  /** False once a newer refresh started: late answers are dropped. */
  isCurrent(): boolean;
}

export interface RefreshResult {
  ok: boolean;
  /** A run answered that the embedded-query limit is used up: the whole dash becomes the limit view. */
  limit?: WidgetError;
}

/** Runs every selector and chart of the tab. */
export async function refreshTab(input: RefreshInput): Promise<RefreshResult> {
  let limit: WidgetError | undefined;
  const failed = (error: WidgetError) => {
    if (error.code === EMBED_USAGE_LIMIT_CODE) limit ??= error;
  };
  const { config, views } = input;
  const tab = views.tab;
  const locked = new Set([...views.selectors.values()].filter((s) => s.el.classList.contains('dl-control--disabled')).map((s) => s.item.param));
  const selectors = Object.fromEntries(Object.entries(input.picked).filter(([param]) => !locked.has(param)));
  const composed = composeDashParams({
    dash: config.data as DashData,
    tab: tab as EngineTab,
    link: input.linkParams,
    selectors,
  });
  const base = { params: composed.params, paramSources: composed.sources, paramShadowed: composed.shadowed };

  const selectorRuns = [...views.selectors.entries()].map(async ([id, view]) => {
    const result = await callGateway<RunResponse>(input.runUrl, input.token, { ...base, controlData: { id, tabId: tab.id } });
    if (!input.isCurrent()) return true;
    if (!result.ok) {
      failed(result.error);
      view.fail(result.error);
      return false;
    }
    const control = result.body.uiScheme?.controls?.[0];
    if (control) view.update(control, composed.params[view.item.param]);
    return true;
  });

  const chartRuns = [...views.widgets.entries()].map(async ([itemId, widget]) => {
    const item = tab.items.find((i) => i.id === itemId);
    if (!item || item.type !== 'widget') return true;
    widget.loading();
    const result = await callGateway<RunResponse>(input.runUrl, input.token, { ...base, id: item.chartId, responseOptions: { includeConfig: true, includeLogs: false } });
    if (!input.isCurrent()) return true;
    if (result.ok) widget.show(result.body, input.ignored);
    else {
      failed(result.error);
      widget.fail(result.error);
    }
    return result.ok;
  });

  const results = await Promise.all([...selectorRuns, ...chartRuns]);
  return { ok: results.every(Boolean), ...(limit ? { limit } : {}) };
}
