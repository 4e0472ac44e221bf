import { MAX_QUERY_SECONDS, MAX_ROWS, type ReadOnlyRunner } from '../runner.js';
import type { Cell, TableData } from '../types.js';
import { checkClickHouseSql, clickhouseTableColumns, prepareChartQuery } from './check.js';
import { ClickHouseFailure, failureError, type ClickHouseCluster } from './cluster.js';

export { checkClickHouseSql, prepareChartQuery };

/** Longest run of a chart query on the server, in seconds (the HTTP timeout of the cluster still applies). */
export const MAX_EXECUTION_SECONDS = MAX_QUERY_SECONDS;

/**
 * The settings DataLens sends with every query on a ClickHouse connection (docs/fidelity.md, "What
 * DataLens sends to a partner's ClickHouse"). A user with `readonly = 2` accepts them; one with
 * `readonly = 1` refuses any setting (code 164), so that misconfiguration fails here as it fails
 * there. `join_use_nulls = 1` makes a JOIN's unmatched rows NULL, not the type's default. The
 * answer's format, `default_format=JSONCompact`, is a parameter of the HTTP interface (not a setting),
 * so the query text has no FORMAT clause.
 */
export const DATALENS_SETTINGS = {
  readonly: 2,
  join_use_nulls: 1,
  send_progress_in_http_headers: 0,
} as const;

/**
 * What the emulator sends with every chart query: DataLens's settings, then its own bounds (a
 * time limit, the row cap, room for literal values). Nothing of the chart's is ever sent as a setting.
 */
export const QUERY_SETTINGS = {
  ...DATALENS_SETTINGS,
  max_execution_time: MAX_EXECUTION_SECONDS,
  max_result_rows: MAX_ROWS,
  result_overflow_mode: 'throw',
  /** Literal binding puts values in the text: room for long values (the default is 256 KiB). */
  max_query_size: 16 * 1024 * 1024,
} as const;

/** 64-bit and wider integers come quoted in JSON; they become numbers when exact. */
const WIDE_INT = /^(Nullable\()?(U?Int(64|128|256))\)?$/;

function toCellOf(type: string) {
  const wide = WIDE_INT.test(type);
  return (v: unknown): Cell => {
    if (v === null || v === undefined) return null;
    if (wide && typeof v === 'string' && Number.isSafeInteger(Number(v))) return Number(v);
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return JSON.stringify(v);
  };
}

/** A connection's client database on the connector's ClickHouse cluster. */
export class ClickHouseRunner implements ReadOnlyRunner {
  readonly backend = 'clickhouse' as const;

  constructor(
    private readonly cluster: ClickHouseCluster,
    private readonly database: string,
    /** Named in messages, e.g. `ClickHouse of connector "Shop" (http://host:8123)`. */
    private readonly where: string,
  ) {}

  check(sql: string, field = 'sql'): void {
    checkClickHouseSql(sql, field, this.database);
  }

  async tableColumns(table: string): Promise<string[] | undefined> {
    try {
      return await clickhouseTableColumns(this.cluster, this.database, table);
    } catch (e) {
      if (e instanceof ClickHouseFailure) throw failureError(e, `${this.where}, database ${this.database}`);
      throw e;
    }
  }

  async run(sql: string, params: Record<string, unknown>): Promise<TableData> {
    try {
      const compiled = await prepareChartQuery(this.cluster, this.database, sql, params);
      const result = await this.cluster.query(compiled.sql, { database: this.database, settings: QUERY_SETTINGS, queryParams: compiled.queryParams });
      const cells = result.meta.map((m) => toCellOf(m.type));
      return { columns: result.meta.map((m) => m.name), rows: result.data.map((r) => r.map((v, i) => cells[i](v))) };
    } catch (e) {
      if (e instanceof ClickHouseFailure) throw failureError(e, `${this.where}, database ${this.database}`);
      throw e;
    }
  }
}
