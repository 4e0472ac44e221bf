import type { ReasonDef } from './types.js';

/** The line the partner guide gives for DataLens's user; hints quote it where it is the fix. */
export const CREATE_USER_LINE =
  "CREATE USER IF NOT EXISTS datalens ON CLUSTER <cluster_name> IDENTIFIED WITH plaintext_password by '<user_password>' SETTINGS readonly = 2;";

/**
 * Partner connectors on a real ClickHouse cluster (`clickhouse` on a connector): the cluster is
 * the partner's, so its failures are 5xx naming the connector and the cause, never a hang. An embed
 * viewer sees DataLens's data-source code and text for them (server/errors/bodies.ts); the message
 * with the cluster's address and the server's own words goes to the request journal.
 */
export const clickhouseReasons = {
  PARTNER_CLICKHOUSE_UNREACHABLE: {
    status: 502,
    stage: 'partner',
    message: "The connector's ClickHouse cluster cannot be reached.",
    hint: "Check the connector's clickhouse.url: the host, the HTTP port (8123, or 8443 for HTTPS) and that the server is running (GET /ping answers Ok.).",
  },
  PARTNER_CLICKHOUSE_TIMEOUT: {
    status: 504,
    stage: 'partner',
    message: "The connector's ClickHouse cluster did not answer in time.",
    hint: 'Make the query cheaper (the emulator stops it after max_execution_time), or raise clickhouse.timeoutMs on the connector if the cluster is slow to connect.',
  },
  PARTNER_CLICKHOUSE_AUTH_FAILED: {
    status: 502,
    stage: 'partner',
    message: "The connector's ClickHouse cluster refused the user or the password.",
    hint: `Give the connector the user and password DataLens logs in with (clickhouse.username, default datalens; clickhouse.password). The user is made with: ${CREATE_USER_LINE}`,
  },
  PARTNER_CLICKHOUSE_ERROR: {
    status: 502,
    stage: 'partner',
    message: "The connector's ClickHouse cluster answered an error.",
    hint: 'Read the server message in the request journal (GET /_mock/journal); `datalens-mock doctor --clickhouse URL` audits the user and the databases.',
  },
  PARTNER_CLICKHOUSE_READONLY_USER: {
    status: 502,
    stage: 'partner',
    message: "The connector's ClickHouse user has readonly = 1, which refuses the settings DataLens sends with every query (readonly=2, join_use_nulls=1, …): ClickHouse code 164.",
    hint: `Give DataLens's user readonly = 2 (it may read, and set settings for its own queries): ${CREATE_USER_LINE} In users.xml: a profile with <readonly>2</readonly>.`,
  },
  PARTNER_DATABASE_NOT_FOUND: {
    status: 400,
    stage: 'partner',
    message: "The access token's db_name is not a database of the connector's ClickHouse cluster.",
    hint: 'Create the client database on the cluster (CREATE DATABASE <db_name>) or mint the token with the name of an existing one.',
  },
} as const satisfies Record<string, ReasonDef>;
