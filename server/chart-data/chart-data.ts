import type { ConnectionRunner, ReadOnlyRunner } from '../datasources/runner.js';
import { objectsToTable, type TableData } from '../datasources/types.js';
import { MockError } from '../errors/catalogue.js';
import { deepFreeze } from '../store/writes.js';
import type { ChartEntry } from '../core/types.js';

export interface ChartDataSources {
  /** The embedded data source (`sql` charts without a connectionId). */
  datasource: ReadOnlyRunner;
  /** The runner of a partner connection's client database (SQLite or the connector's ClickHouse). */
  connection?: (connectionId: string) => ConnectionRunner;
}

/** A filter value: '' or [] (or ['']) means "no filter", as an empty selector. */
function filterValues(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  const list = (Array.isArray(v) ? v : [v]).map(String).filter((x) => x !== '');
  return list.length ? list : null;
}

/** Computes a chart's data with the effective params (README, "Chart data"). */
export async function runChartData(chart: ChartEntry, params: Record<string, unknown>, sources: ChartDataSources): Promise<TableData> {
  const { data } = chart;
  if (data.query && data.connectionId) {
    if (!sources.connection) {
      throw new MockError('INVALID_SQL', { message: 'This chart reads a partner connection, but partner connectors are not available.' });
    }
    return sources.connection(data.connectionId).runQuery(data.query, params);
  }
  if (data.sql) {
    if (data.connectionId) {
      if (!sources.connection) {
        throw new MockError('INVALID_SQL', { message: 'This chart reads a partner connection, but partner connectors are not available.' });
      }
      return sources.connection(data.connectionId).run(data.sql, params);
    }
    return sources.datasource.run(data.sql, params);
  }
  const filters = data.filters ?? [];
  const values = filters.map((f) => filterValues(params[f.param]));
  // A stored chart's data is frozen (server/store/entries.ts): its table for the same filter
  // values is the same, so it is kept with it (frozen too) instead of being rebuilt per request.
  if (!Object.isFrozen(data)) return filteredTable(data.rows ?? [], filters, values);
  const key = JSON.stringify(values);
  let byValues = tables.get(data);
  if (!byValues) tables.set(data, (byValues = new Map()));
  let table = byValues.get(key);
  if (!table) {
    table = deepFreeze(filteredTable(data.rows ?? [], filters, values));
    if (byValues.size >= 100) byValues.delete(byValues.keys().next().value as string);
    byValues.set(key, table);
  }
  return table;
}

/** Tables of frozen chart data by the filter values they were cut with. */
const tables = new WeakMap<object, Map<string, TableData>>();

function filteredTable(all: Record<string, unknown>[], filters: { column: string }[], values: (string[] | null)[]): TableData {
  let rows = all;
  filters.forEach((f, i) => {
    const wanted = values[i];
    if (wanted) rows = rows.filter((r) => wanted.includes(String(r[f.column] ?? '')));
  });
  return objectsToTable(rows);
}


/** Distinct values of one column of a chart's data (for dataset selectors). */
export function distinctValues(table: TableData, column: string): string[] {
  const i = table.columns.indexOf(column);
  if (i < 0) return [];
  const seen = new Set<string>();
  for (const r of table.rows) if (r[i] !== null) seen.add(String(r[i]));
  return [...seen];
}
