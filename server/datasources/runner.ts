import { clickhouseDialect, sqliteDialect, writeStructuredSql, type StructuredQuery } from './structured.js';
import type { TableData } from './types.js';

/** The most rows a chart returns, on every backend. */
export const MAX_ROWS = 100_000;

/** The longest a chart query may run, in seconds, on every backend (ClickHouse's max_execution_time, the SQLite deadline). */
export const MAX_QUERY_SECONDS = 10;

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
  /**
   * The columns of one table of the database, as the database lists them (SQLite's schema,
   * ClickHouse's system.columns); undefined when it has no such table. Structured charts
   * (server/datasources/structured.ts) are written from it.
   */
  tableColumns(table: string): Promise<string[] | undefined>;
}

/** The runner of a partner connection: free SQL as its connector allows, and structured charts. */
export interface ConnectionRunner extends ReadOnlyRunner {
  /** Runs a chart defined by structure (server/datasources/structured.ts), whatever the connector's rawSqlLevel. */
  runQuery(q: StructuredQuery, params: Record<string, unknown>): Promise<TableData>;
}

/**
 * Runs a structured chart on a runner: the table's columns from the database, the SQL written from
 * them, and the run through the runner's usual checks (statement shape, isolation, row cap).
 */
export async function runStructured(runner: ReadOnlyRunner, q: StructuredQuery, params: Record<string, unknown>, where = "the connection's database"): Promise<TableData> {
  const columns = await runner.tableColumns(q.table);
  const written = writeStructuredSql(q, columns && { name: q.table, columns }, params, runner.backend === 'clickhouse' ? clickhouseDialect : sqliteDialect, where);
  return runner.run(written.sql, written.params);
}
