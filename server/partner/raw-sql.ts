import * as z from 'zod';
import { runStructured, type ConnectionRunner, type ReadOnlyRunner } from '../datasources/runner.js';
import { MockError } from '../errors/catalogue.js';
import type { Connector } from './types.js';

/**
 * Free SQL on a partner connection, a connector setting named after DataLens's `raw_sql_level`
 * (docs/fidelity.md, "Free SQL on a partner connection"): `off` (the default) refuses `sql`
 * charts, `subselect` is accepted for fidelity and refuses them too (in DataLens it lets a dataset
 * use SQL as its source, which the emulator has no counterpart for), `dashsql` lets charts run free
 * SQL, checked by the connection's isolation guard. Structured charts run at every level.
 */
export const RAW_SQL_LEVELS = ['off', 'subselect', 'dashsql'] as const;
export const rawSqlLevel = z.enum(RAW_SQL_LEVELS);
export type RawSqlLevel = z.infer<typeof rawSqlLevel>;

export const allowsChartSql = (level: RawSqlLevel | undefined): boolean => level === 'dashsql';

/** PARTNER_RAW_SQL_OFF naming the connector and its setting. */
export function rawSqlOff(connector: Pick<Connector, 'title' | 'rawSqlLevel'> & { connectorId?: string }, field = 'sql'): MockError {
  return new MockError('PARTNER_RAW_SQL_OFF', {
    field,
    message: `Connector ${JSON.stringify(connector.title)}${connector.connectorId ? ` (${connector.connectorId})` : ''} has rawSqlLevel '${connector.rawSqlLevel ?? 'off'}': an \`sql\` chart on its connections needs rawSqlLevel 'dashsql'. Define the chart by structure (query: {table, columns, filters, orderBy, limit}) instead.`,
  });
}

/** A connection's runner with its connector's setting applied: free SQL only at 'dashsql'. */
export function connectionRunner(inner: ReadOnlyRunner, connector: Pick<Connector, 'title' | 'connectorId' | 'rawSqlLevel'>): ConnectionRunner {
  const gate = (field?: string) => {
    if (!allowsChartSql(connector.rawSqlLevel)) throw rawSqlOff(connector, field);
  };
  return {
    backend: inner.backend,
    check(sql, field) {
      gate(field);
      inner.check(sql, field);
    },
    async run(sql, params) {
      gate();
      return inner.run(sql, params);
    },
    tableColumns: (table) => inner.tableColumns(table),
    runQuery: (q, params) => runStructured(inner, q, params),
  };
}
