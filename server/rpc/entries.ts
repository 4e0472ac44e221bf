import { MockError } from '../errors/catalogue.js';
import type { ChartData, ChartEntry, DashData, DashEntry, Entry } from '../core/types.js';
import { nowIso, pickId, requireEntry, requireWorkbook, type RpcMethod, type RpcState } from './common.js';
import { outputColumns } from '../datasources/structured.js';
import * as s from './schemas.js';
import { parseBody } from './validate.js';

function chartData(ctx: RpcState, workbookId: string, b: Omit<s.CreateChart, 'workbookId' | 'title' | 'entryId'>): ChartData {
  const sources = [b.rows && 'rows', b.sql && 'sql', b.query && 'query'].filter(Boolean);
  if (sources.length === 0) {
    throw new MockError('INVALID_BODY', { field: 'rows', message: 'A chart needs data: inline `rows`, an `sql` query, or (on a partner connection) a structured `query`.' });
  }
  if (sources.length > 1) {
    throw new MockError('INVALID_BODY', { field: sources[1] as string, message: `Give one of inline \`rows\`, \`sql\` and \`query\`, not ${sources.join(' and ')}.` });
  }
  if (b.connectionId && !b.sql && !b.query) {
    throw new MockError('INVALID_BODY', { field: 'connectionId', message: '`connectionId` needs `query` (a chart by structure) or `sql`: it runs on that connection.' });
  }
  if (b.query && !b.connectionId) {
    throw new MockError('INVALID_BODY', { field: 'query', message: 'A structured `query` reads a partner connection: give its `connectionId`.' });
  }
  if (b.query && b.filters) {
    throw new MockError('INVALID_BODY', { field: 'filters', message: '`filters` apply to inline `rows`; a structured `query` has its own `query.filters` ({column, param}).' });
  }
  if (b.query) outputColumns(b.query);
  if (b.sql && b.filters) {
    throw new MockError('INVALID_BODY', {
      field: 'filters',
      message: '`filters` apply to inline `rows`; an `sql` chart filters in its query with bound params (:name or dl_in(column, :name)).',
    });
  }
  if (b.sql && !b.connectionId) ctx.datasource.check(b.sql);
  if (b.connectionId) {
    if (!ctx.partner) throw new MockError('INVALID_BODY', { field: 'connectionId', message: 'Partner connections are not available in this emulator.' });
    const connection = ctx.partner.getConnection(b.connectionId);
    if (connection.workbookId !== workbookId) {
      throw new MockError('WRONG_WORKBOOK', { field: 'connectionId', message: `Connection ${b.connectionId} is in workbook ${connection.workbookId}, not ${workbookId}.` });
    }
    if (b.sql) ctx.partner.runner(b.connectionId).check(b.sql, 'sql');
  }
  return {
    visualization: b.visualization ?? 'table',
    ...(b.rows && { rows: b.rows }),
    ...(b.sql && { sql: b.sql }),
    ...(b.query && { query: b.query }),
    ...(b.connectionId && { connectionId: b.connectionId }),
    ...(b.filters && { filters: b.filters }),
    ...(b.params && { params: b.params }),
  };
}

function dashData(ctx: RpcState, workbookId: string, b: Pick<s.CreateDashboard, 'settings' | 'tabs'>): DashData {
  const tabIds = new Set<string>();
  b.tabs.forEach((tab, t) => {
    if (tabIds.has(tab.id)) throw new MockError('INVALID_BODY', { field: `tabs[${t}].id`, message: `Tab id "${tab.id}" is used twice.` });
    tabIds.add(tab.id);
    const itemIds = new Set<string>();
    tab.items.forEach((item, i) => {
      const at = `tabs[${t}].items[${i}]`;
      if (itemIds.has(item.id)) throw new MockError('INVALID_BODY', { field: `${at}.id`, message: `Item id "${item.id}" is used twice on tab "${tab.id}".` });
      itemIds.add(item.id);
      // Every chart a dash names, a widget's or a selector's (dataset and connection selectors read
      // their values from it), must be a chart of the dash's own workbook.
      const chartId = item.chartId;
      if (item.type === 'control' && item.sourceType === 'dataset' && !item.chartId) {
        throw new MockError('INVALID_BODY', { field: `${at}.chartId`, message: 'A dataset selector needs `chartId`: the chart whose column gives its values.' });
      }
      if (chartId !== undefined) {
        const chart = ctx.store.entries.get(chartId);
        if (!chart || chart.scope !== 'widget') {
          throw new MockError('ENTRY_NOT_FOUND', { field: `${at}.chartId`, message: `${at}.chartId ${chartId} is not a chart.` });
        }
        if (chart.workbookId !== workbookId) {
          throw new MockError('WRONG_WORKBOOK', {
            field: `${at}.chartId`,
            message: `Chart ${chartId} is in another workbook than the dashboard (${workbookId}); a ${item.type === 'widget' ? 'widget' : `${item.sourceType} selector`} may name only the dashboard's own charts.`,
          });
        }
      }
    });
  });
  return { settings: { globalParams: b.settings?.globalParams ?? {} }, tabs: b.tabs as DashData['tabs'] };
}

export const entryMethods: Record<string, RpcMethod> = {
  createChart(ctx, body) {
    const b = parseBody(s.createChart, body, 'createChart');
    requireWorkbook(ctx, b.workbookId);
    const now = nowIso(ctx);
    const entry: ChartEntry = {
      entryId: pickId(b.entryId, (i) => !!ctx.store.entries.get(i), 'entryId'),
      workbookId: b.workbookId,
      scope: 'widget',
      title: b.title,
      data: chartData(ctx, b.workbookId, b),
      createdAt: now,
      updatedAt: now,
    };
    return ctx.store.entries.create(entry);
  },

  createDashboard(ctx, body) {
    const b = parseBody(s.createDashboard, body, 'createDashboard');
    requireWorkbook(ctx, b.workbookId);
    const now = nowIso(ctx);
    const entry: DashEntry = {
      entryId: pickId(b.entryId, (i) => !!ctx.store.entries.get(i), 'entryId'),
      workbookId: b.workbookId,
      scope: 'dash',
      title: b.title,
      data: dashData(ctx, b.workbookId, b),
      createdAt: now,
      updatedAt: now,
    };
    return ctx.store.entries.create(entry);
  },

  /** Emulator addition: replace a chart's data (e.g. to test what an open embed shows next). */
  updateChart(ctx, body) {
    const b = parseBody(s.updateChart, body, 'updateChart');
    const entry = requireEntry(ctx, b.entryId);
    if (entry.scope !== 'widget') throw new MockError('INVALID_BODY', { field: 'entryId', message: `${b.entryId} is a dashboard; use updateDashboard.` });
    return ctx.store.entries.update({ ...entry, title: b.title, data: chartData(ctx, entry.workbookId, b), updatedAt: nowIso(ctx) });
  },

  /** Emulator addition: replace a dashboard (e.g. add a chart, then see 409 until depsIds is updated). */
  updateDashboard(ctx, body) {
    const b = parseBody(s.updateDashboard, body, 'updateDashboard');
    const entry = requireEntry(ctx, b.entryId);
    if (entry.scope !== 'dash') throw new MockError('INVALID_BODY', { field: 'entryId', message: `${b.entryId} is a chart; use updateChart.` });
    return ctx.store.entries.update({ ...entry, title: b.title, data: dashData(ctx, entry.workbookId, b), updatedAt: nowIso(ctx) });
  },

  getEntry(ctx, body) {
    const b = parseBody(s.entryRef, body, 'getEntry');
    return requireEntry(ctx, b.entryId);
  },

  listEntries(ctx, body) {
    const b = parseBody(s.workbookRef, body, 'listEntries');
    requireWorkbook(ctx, b.workbookId);
    return { entries: ctx.store.entries.listByWorkbook(b.workbookId) };
  },

  /** Deleting an entry deletes its embeds, as in DataLens. */
  deleteEntry(ctx, body) {
    const b = parseBody(s.entryRef, body, 'deleteEntry');
    requireEntry(ctx, b.entryId);
    ctx.store.entries.delete(b.entryId);
    return { entryId: b.entryId };
  },
};

/** The entries an embed may read by default: the charts a dash uses when the embed is created. */
export function defaultDepsIds(entry: Entry): string[] {
  if (entry.scope !== 'dash') return [];
  const ids = new Set<string>();
  for (const tab of entry.data.tabs) {
    for (const item of tab.items) {
      if (item.type === 'widget') ids.add(item.chartId);
      else if (item.chartId) ids.add(item.chartId);
    }
  }
  return [...ids];
}
