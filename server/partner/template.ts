import * as z from 'zod';
import { outputColumns, structuredQuery } from '../datasources/structured.js';
import { MockError } from '../errors/catalogue.js';
import { coreRpcMethods, type RpcState } from '../rpc/index.js';
import { chartBody, dashBody } from '../rpc/schemas.js';
import type { Entry } from '../core/types.js';

/**
 * A connector's standard dashboard (DataLens's partner-connector guide: "DataLens will deploy a standard dashboard based on
 * the connector data"). Its charts are defined by structure on the client database's tables
 * (`query`, as DataLens builds them), or by free SQL (`sql`) where the connector's rawSqlLevel
 * allows it; the tabs are those of createDashboard, where a `chartId` names a chart of the template
 * by its `key`.
 */
export const dashboardTemplate = z
  .object({
    title: dashBody.title,
    charts: z
      .array(
        z
          .object({
            key: z.string().min(1),
            title: chartBody.title,
            visualization: chartBody.visualization,
            sql: chartBody.sql,
            query: structuredQuery.optional(),
            params: chartBody.params,
          })
          .strict(),
      )
      .min(1, 'a template needs at least one chart'),
    settings: dashBody.settings,
    tabs: dashBody.tabs,
  })
  .strict();

export type DashboardTemplate = z.infer<typeof dashboardTemplate>;

/** Cross-field checks zod cannot express: unique chart keys, one of sql and query per chart, every chartId naming a chart. */
export function checkTemplate(t: DashboardTemplate, field = 'dashboardTemplate'): void {
  const keys = new Set<string>();
  t.charts.forEach((c, i) => {
    if (keys.has(c.key)) throw new MockError('INVALID_BODY', { field: `${field}.charts[${i}].key`, message: `Chart key "${c.key}" is used twice.` });
    keys.add(c.key);
    if ((c.sql === undefined) === (c.query === undefined)) {
      throw new MockError('INVALID_BODY', { field: `${field}.charts[${i}].query`, message: `Template chart "${c.key}" needs exactly one of \`query\` (by structure) and \`sql\`.` });
    }
    if (c.query) outputColumns(c.query, `${field}.charts[${i}].query`);
  });
  t.tabs.forEach((tab, ti) =>
    tab.items.forEach((item, ii) => {
      if (item.chartId !== undefined && !keys.has(item.chartId)) {
        throw new MockError('INVALID_BODY', {
          field: `${field}.tabs[${ti}].items[${ii}].chartId`,
          message: `chartId "${item.chartId}" is not the key of a chart of the template (keys: ${[...keys].join(', ')}).`,
        });
      }
    }),
  );
}

export interface DeployedDashboard {
  dashboardEntryId: string;
  /** Chart entryIds by template key. */
  chartEntryIds: Record<string, string>;
}

/** Calls a core /rpc method that is synchronous (it runs inside the caller's store transaction). */
function callSync(ctx: RpcState, method: 'createChart' | 'createDashboard', body: unknown): Entry {
  const result = coreRpcMethods[method](ctx, body);
  if (result instanceof Promise) throw new Error(`${method} must be synchronous to deploy a template in one transaction`);
  return result as Entry;
}

/**
 * Creates the template's charts (bound to the connection) and its dashboard in the workbook,
 * through the same /rpc methods users call, so the same validation holds.
 */
export function deployTemplate(ctx: RpcState, t: DashboardTemplate, workbookId: string, connectionId: string): DeployedDashboard {
  const chartEntryIds: Record<string, string> = {};
  for (const { key, ...chart } of t.charts) {
    chartEntryIds[key] = callSync(ctx, 'createChart', { ...chart, workbookId, connectionId }).entryId;
  }
  const tabs = t.tabs.map((tab) => ({
    ...tab,
    items: tab.items.map((item) => (item.chartId === undefined ? item : { ...item, chartId: chartEntryIds[item.chartId] })),
  }));
  const dash = callSync(ctx, 'createDashboard', { workbookId, title: t.title, settings: t.settings, tabs });
  return { dashboardEntryId: dash.entryId, chartEntryIds };
}
