import type { ReasonDef } from './types.js';

/**
 * Partner-connector rejections (docs/fidelity.md, "Partner connector flow"). The access token is
 * `<datalens_key_version>:<partner_key_version>:<base64 ciphertext>:<base64 signature>`; each step
 * that can fail has its own code. Bodies are the control-plane `{code, message, hint, field?}`.
 */
export const partnerReasons = {
  PARTNER_TOKEN_MALFORMED: {
    status: 400,
    stage: 'partner',
    message: 'The access token is not <datalens_key_version>:<partner_key_version>:<base64 ciphertext>:<base64 signature>.',
    hint: "Join exactly four parts with ':' as the partner-connector guide's Python sample does: two integer versions, then b64encode(ciphertext) and b64encode(signature) (standard base64 with '=' padding, no spaces or newlines).",
  },
  PARTNER_DATABASE_CONNECTOR_REQUIRED: {
    status: 400,
    stage: 'partner',
    message: 'A client database belongs to one connector, and this request does not say which: the same db_name under two connectors is two databases.',
    hint: 'Name the connector in the path: PUT /_mock/partner/connectors/<connectorId>/databases/<db>/tables/<table> (or GET …/tables). The short path /_mock/partner/databases/… works only while exactly one connector exists, or with {connectorId} in the body (?connectorId= on a GET).',
  },
  PARTNER_CONNECTOR_NOT_FOUND: {
    status: 404,
    stage: 'partner',
    message: 'No partner connector has this connectorId.',
    hint: 'Register your connector with POST /_mock/partner/connectors {title, partnerKeys: [{version, publicKey}]} and use the connectorId it returns.',
  },
  PARTNER_UNKNOWN_DATALENS_KEY_VERSION: {
    status: 400,
    stage: 'partner',
    message: 'The token names a DataLens key version that does not exist.',
    hint: 'GET /_mock/partner/datalens-keys lists the versions; encrypt with that public key and put its version first in the token.',
  },
  PARTNER_UNKNOWN_PARTNER_KEY_VERSION: {
    status: 400,
    stage: 'partner',
    message: 'The token names a partner key version that this connector does not have.',
    hint: 'Register the public key of that version with POST /_mock/partner/connectors/<connectorId>/keys {version, publicKey}, or put the version you registered second in the token.',
  },
  PARTNER_KEY_VERSION_MISMATCH: {
    status: 403,
    stage: 'partner',
    message: "The signature is valid for another of this connector's partner key versions, not the one the token names.",
    hint: 'Put the version of the key you signed with second in the token (<datalens_key_version>:<partner_key_version>:…); the two versions may be swapped.',
  },
  PARTNER_SIGNATURE_INVALID: {
    status: 403,
    stage: 'partner',
    message: "The signature does not verify with the connector's partner public key of this version.",
    hint: 'Sign the ciphertext bytes (not the JSON, not the base64) with your private key: PKCS#1 v1.5 padding, SHA-1 hash, as in the partner-connector guide. Do not change the ciphertext after signing.',
  },
  PARTNER_DECRYPT_FAILED: {
    status: 400,
    stage: 'partner',
    message: 'The ciphertext does not decrypt, with the DataLens private key of this version, to a JSON object with a valid db_name.',
    hint: 'Encrypt json.dumps({"db_name": "<client database>"}).encode() with the DataLens public key of the version named first in the token (GET /_mock/partner/datalens-keys), PKCS#1 v1.5 padding (padding.PKCS1v15() in Python), not OAEP. The emulator does not say which of these went wrong (that would be a padding oracle); datalens-mock partner-decrypt --datalens-private-key tells you locally.',
  },
  PARTNER_PAYLOAD_INVALID: {
    status: 400,
    stage: 'partner',
    message: 'The decrypted payload is not a JSON object with a string db_name (said only to a caller holding the DataLens private key: partner-decrypt --datalens-private-key).',
    hint: 'Encrypt json.dumps({"db_name": "<client database>"}); the database name uses letters, digits, _ and - (at most 128), starting with a letter, digit or _.',
  },
  PARTNER_KEY_VERSION_EXISTS: {
    status: 409,
    stage: 'partner',
    message: 'This key version already exists.',
    hint: 'Key versions are immutable: rotate by adding a new version number, and keep the old one valid until every token that names it is replaced.',
  },
  PARTNER_CONNECTION_NOT_FOUND: {
    status: 404,
    stage: 'partner',
    message: 'No partner connection has this connectionId.',
    hint: 'Create one with POST /rpc/createConnection {workbookId, type: "partner", connectorId, token} and use the connectionId it returns.',
  },
  PARTNER_SQL_FORBIDDEN: {
    status: 400,
    stage: 'partner',
    message: "The chart SQL tries to do more than read its connection's database.",
    hint: "A partner connection reads only its client's database, like the partner-connector guide's readonly = 2 user: one SELECT, no ATTACH, no writes, no PRAGMA, no other databases.",
  },
  PARTNER_RAW_SQL_OFF: {
    status: 400,
    stage: 'partner',
    message: "Free SQL is off on this connection's connector (rawSqlLevel 'off', the default, as DataLens's raw_sql_level).",
    hint: "Define the chart by structure instead: query: {table, columns, filters, orderBy, limit}; the emulator writes the SQL on the connection's own tables. Or, if the partner really wants free SQL, register the connector with rawSqlLevel: 'dashsql' (docs/partner.md says what that still needs for isolation).",
  },
  PARTNER_QUERY_INVALID: {
    status: 400,
    stage: 'partner',
    message: "A structured chart names a table or a column that the connection's database does not have, or combines them in a way the emulator cannot write.",
    hint: "Name a table of the client database and its columns as they are (the message lists them); order by a column of the chart's output; aggregate with sum, avg, min, max, count or countDistinct.",
  },
  PARTNER_RESULT_TOO_LARGE: {
    status: 400,
    stage: 'partner',
    message: 'The chart SQL returns too many rows.',
    hint: 'Aggregate or add LIMIT: a chart on a partner connection returns at most 100000 rows.',
  },
} as const satisfies Record<string, ReasonDef>;
