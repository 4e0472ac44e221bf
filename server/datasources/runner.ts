import type { TableData } from './types.js';

/** The most rows a chart returns, on every backend. */
export const MAX_ROWS = 100_000;

/**
 * The one interface every data source of charts implements: the embedded SQLite data source, a
 * SQLite client database, a ClickHouse client database. Every implementation applies the same
 * statement shape (server/datasources/statement.ts), the row cap and a read-only guarantee of its own.
 */
export interface ReadOnlyRunner {
  readonly backend: 'sqlite' | 'clickhouse';
  /** Checks a chart's SQL when the chart is created, without needing its data; throws a catalogued error. */
  check(sql: string, field?: string): void;
  /** Runs a chart's SQL with the effective params bound by name. */
  run(sql: string, params: Record<string, unknown>): Promise<TableData>;
}
