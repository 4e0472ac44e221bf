import { CREATE_USER_LINE } from '../../errors/reasons/clickhouse.js';
import type { CodeDef } from './types.js';

export { CREATE_USER_LINE };

/**
 * DLM-7xx: a partner's ClickHouse cluster as DataLens uses it (`doctor --clickhouse URL`, the
 * doctor page, `POST /_mock/partner/connectors/<id>/audit`). 70x reaching it, 71x the user, 72x the
 * client databases and the dashboard template.
 */
export const clickhouseCodes = {
  'DLM-701': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_CLICKHOUSE_UNREACHABLE',
    message: 'The ClickHouse HTTP interface cannot be reached.',
    hint: 'Check the host and the HTTP port (8123, or 8443 for HTTPS) and that the server listens there: curl http://HOST:PORT/ping answers "Ok.".',
  },
  'DLM-702': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_CLICKHOUSE_TIMEOUT',
    message: 'The ClickHouse server did not answer in time.',
    hint: 'Check that the port is the HTTP interface (not the native 9000 port) and that no firewall drops the connection.',
  },
  'DLM-703': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_CLICKHOUSE_AUTH_FAILED',
    message: 'The server is reachable but refuses this user or password.',
    hint: `Give the password of the user DataLens logs in with. Create it with: ${CREATE_USER_LINE}`,
  },
  'DLM-704': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_CLICKHOUSE_ERROR',
    message: 'The server answered, but not as a ClickHouse HTTP interface does.',
    hint: 'Point the URL at the ClickHouse HTTP interface itself (http(s)://USER:PASSWORD@HOST:PORT), not a proxy page or another service.',
  },
  'DLM-710': {
    group: 'clickhouse',
    severity: 'error',
    message: 'The user has readonly = 0: DataLens could write to and change the cluster through it.',
    hint: `Make the user read-only in the way DataLens needs: ${CREATE_USER_LINE} (in users.xml: a profile with <readonly>2</readonly>).`,
  },
  'DLM-711': {
    group: 'clickhouse',
    severity: 'error',
    message: 'The user has readonly = 1: DataLens sets query settings, which readonly = 1 refuses, so its queries fail.',
    hint: `Use readonly = 2 (read, and change settings for the query): ${CREATE_USER_LINE}`,
  },
  'DLM-713': {
    group: 'clickhouse',
    severity: 'error',
    message: 'The user can write: the audit created (and dropped) a database with it.',
    hint: `DataLens needs a user that cannot write: ${CREATE_USER_LINE}`,
  },
  'DLM-714': {
    group: 'clickhouse',
    severity: 'warning',
    message: 'The user is not named datalens, the name the partner guide asks for.',
    hint: 'Name the user datalens, as DataLens managers expect it, or tell them the name you use.',
  },
  'DLM-720': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_DATABASE_NOT_FOUND',
    message: "A connection's client database does not exist on the cluster.",
    hint: 'Create one database per client (CREATE DATABASE <db_name>) with the name the access token carries in db_name.',
  },
  'DLM-721': {
    group: 'clickhouse',
    severity: 'warning',
    message: 'No client database was given, so databases, tables and columns were not checked.',
    hint: 'Pass --database NAME (repeatable) and --template FILE, or audit a connector that has connections: POST /_mock/partner/connectors/<id>/audit.',
  },
  'DLM-722': {
    group: 'clickhouse',
    severity: 'error',
    message: 'A table the dashboard template reads does not exist in a client database.',
    hint: 'Create the table in every client database (the template runs unchanged on each), or fix the table name in the template chart.',
  },
  'DLM-723': {
    group: 'clickhouse',
    severity: 'error',
    message: 'A column the dashboard template reads does not exist in a client database.',
    hint: 'Give every client database the same table structure, or fix the column name in the template chart.',
  },
  'DLM-724': {
    group: 'clickhouse',
    severity: 'warning',
    message: 'A template chart fails on a client database with its default params.',
    hint: 'Run the chart SQL on that database to see why; params are strings (cast them in SQL, e.g. toFloat64(:min)).',
  },
  'DLM-725': {
    group: 'clickhouse',
    severity: 'error',
    reason: 'PARTNER_SQL_FORBIDDEN',
    message: 'A template chart uses SQL the emulator refuses on a ClickHouse connection.',
    hint: "Read only the connection's own tables: no other database, no table function but numbers/zeros/values, no SETTINGS or FORMAT.",
  },
} as const satisfies Record<string, CodeDef>;
