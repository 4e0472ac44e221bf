import type { ViewerError } from '../../errors/catalogue.js';

/** What went wrong talking to a cluster, before it is worded for a chart, a connection or the audit. */
export type FailureKind = 'unreachable' | 'timeout' | 'auth' | 'unknown-database' | 'readonly' | 'too-many-rows' | 'sql' | 'server';

/**
 * What DataLens shows for a failure of a ClickHouse data source: its `ERR.DS_API…` code and the
 * error's default text, chosen by the server's error code as DataLens's ClickHouse connector
 * chooses it (docs/fidelity.md, "Data-source errors in an embed"). Neither the cluster's address
 * nor the server's own message is part of it.
 */

const DB = 'ERR.DS_API.DB';

const BY_SERVER_CODE: Record<number, ViewerError> = {
  10: { code: `${DB}.COLUMN_DOES_NOT_EXIST`, message: 'Requested database column does not exist.' },
  47: { code: `${DB}.COLUMN_DOES_NOT_EXIST`, message: 'Requested database column does not exist.' },
  41: { code: `${DB}.CANNOT_PARSE.DATETIME`, message: 'Cannot parse datetime.' },
  43: { code: `${DB}.INVALID_ARGUMENT_TYPE`, message: 'Invalid argument type.' },
  46: { code: `${DB}.INVALID_FUNCTION`, message: 'Unknown function.' },
  60: { code: `${DB}.SOURCE_DOES_NOT_EXIST`, message: 'Data source (table) does not exist.' },
  62: { code: `${DB}.INVALID_QUERY`, message: 'Invalid SQL query to the database.' },
  72: { code: `${DB}.CANNOT_PARSE.NUMBER`, message: 'Cannot parse number.' },
  81: { code: `${DB}.DATABASE_DOES_NOT_EXIST`, message: 'Data source database does not exist.' },
  159: { code: `${DB}.SOURCE_ERROR.TIMEOUT`, message: 'Data source timed out.' },
  164: {
    code: `${DB}.CH.READONLY_USER`,
    message: 'Clickhouse user must be correctly configured to use readonly 1 option (see docs). For other readonly options user should have parameter readonly set to 0 or 2.',
  },
  241: { code: `${DB}.MEMORY_LIMIT_EXCEEDED`, message: 'Memory limit has been exceeded during query execution.' },
  516: { code: `${DB}.AUTHENTICATION_FAILED`, message: 'Database authentication failed.' },
};

const BY_KIND: Partial<Record<FailureKind, ViewerError>> = {
  unreachable: { code: `${DB}.SOURCE_CONNECT_ERROR`, message: 'Data source refused connection.' },
  timeout: BY_SERVER_CODE[159],
  auth: BY_SERVER_CODE[516],
  'too-many-rows': { code: 'ERR.DS_API.ROW_COUNT_LIMIT', message: 'Received too many result data rows.' },
};

const GENERIC: ViewerError = { code: DB, message: 'Database error.' };

export function dsApiError(kind: FailureKind, serverCode?: number): ViewerError {
  return (serverCode !== undefined ? BY_SERVER_CODE[serverCode] : undefined) ?? BY_KIND[kind] ?? GENERIC;
}
