import { sqlParamNames } from '../../datasources/params.js';
import { structuredParamNames } from '../../datasources/structured.js';
import type { ChartEntry, Entry } from '../../core/types.js';

/** Params a chart reads: its filters, the names bound in its SQL or its structured query's filters, and its own defaults. */
function chartParams(chart: ChartEntry, into: Set<string>): void {
  for (const filter of chart.data.filters ?? []) into.add(filter.param);
  if (chart.data.sql) for (const name of sqlParamNames(chart.data.sql)) into.add(name);
  if (chart.data.query) for (const name of structuredParamNames(chart.data.query)) into.add(name);
  for (const name of Object.keys(chart.data.params ?? {})) into.add(name);
}

/**
 * Every param name an entry reads. A dashboard reads its declared params (globalParams), its
 * selectors' params and their alias groups, and everything its charts read.
 */
export function usedParams(entry: Entry, lookup: (entryId: string) => Entry | undefined): Set<string> {
  const used = new Set<string>();
  if (entry.scope === 'widget') {
    chartParams(entry, used);
    return used;
  }
  for (const name of Object.keys(entry.data.settings.globalParams ?? {})) used.add(name);
  for (const tab of entry.data.tabs) {
    for (const group of Object.values(tab.aliases ?? {}).flat()) for (const name of group) used.add(name);
    for (const item of tab.items) {
      if (item.type === 'control') used.add(item.param);
      const chart = item.chartId ? lookup(item.chartId) : undefined;
      if (chart?.scope === 'widget') chartParams(chart, used);
    }
  }
  return used;
}

/** The charts a dashboard shows as widgets: each runs with its own id, which must be in depsIds. */
export function dashWidgetCharts(entry: Entry): string[] {
  if (entry.scope !== 'dash') return [];
  const ids = new Set<string>();
  for (const tab of entry.data.tabs) for (const item of tab.items) if (item.type === 'widget') ids.add(item.chartId);
  return [...ids];
}
