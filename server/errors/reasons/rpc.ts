import type { ReasonDef } from './types.js';

/** Control-plane and emulator-control rejections. Bodies are `{code, message, hint, field?}`. */
export const rpcReasons = {
  RPC_UNKNOWN_METHOD: {
    status: 404,
    stage: 'rpc',
    message: 'There is no such /rpc method.',
    hint: 'See the README for the methods: createWorkbook, createEmbeddingSecret, createChart, createDashboard, createEmbed, …',
  },
  INVALID_BODY: {
    status: 400,
    stage: 'rpc',
    message: 'The request body is not valid.',
    hint: 'Send a JSON object with Content-Type: application/json; the message names the field that is wrong.',
  },
  MALFORMED_JSON: {
    status: 400,
    stage: 'rpc',
    message: 'The request body is not valid JSON.',
    hint: 'Check quotes and commas; send Content-Type: application/json.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    stage: 'rpc',
    message: 'The request body is too large.',
    hint: 'Send less data in one request; the message names the limit of the route (2 MB for the run request, 100 MB for the export and /rpc).',
  },
  WORKBOOK_NOT_FOUND: {
    status: 404,
    stage: 'rpc',
    usCode: 'WORKBOOK_NOT_EXISTS',
    message: 'No workbook has this workbookId.',
    hint: 'Create one with createWorkbook {title} and use the workbookId it returns.',
  },
  SECRET_NOT_FOUND: {
    status: 404,
    stage: 'rpc',
    usCode: 'EMBEDDING_SECRET_NOT_EXISTS',
    message: "The embedding secret doesn't exist.",
    hint: 'Use an embeddingSecretId returned by createEmbeddingSecret or listEmbeddingSecrets.',
  },
  ENTRY_NOT_FOUND: {
    status: 404,
    stage: 'rpc',
    usCode: 'ENTRY_NOT_EXISTS',
    message: "The entry doesn't exist.",
    hint: 'Use an entryId returned by createChart or createDashboard.',
  },
  EMBED_NOT_FOUND: {
    status: 404,
    stage: 'rpc',
    usCode: 'EMBED_NOT_EXISTS',
    message: "The embed doesn't exist.",
    hint: 'Use an embedId returned by createEmbed or listEmbeds.',
  },
  WRONG_WORKBOOK: {
    status: 400,
    stage: 'rpc',
    message: 'The objects belong to different workbooks.',
    hint: 'An embed, its key, its entry and its dependencies must all be in one workbook.',
  },
  INVALID_PUBLIC_KEY: {
    status: 400,
    stage: 'rpc',
    message: 'publicKey is not an RSA public key in PEM.',
    hint: "Send the public half of an RSA key pair as PEM ('-----BEGIN PUBLIC KEY-----'), or omit publicKey and the emulator generates a pair.",
  },
  INVALID_SQL: {
    status: 400,
    stage: 'rpc',
    message: 'The chart SQL is not valid.',
    hint: 'Only one read-only SELECT statement is allowed; params are bound by name (:name).',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    stage: 'mock',
    message: 'This route does not take this method.',
    hint: 'Use the method in the Allow header of the answer (the README lists each route with its method).',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    stage: 'mock',
    message: 'No such route.',
    hint: 'See the README for the routes: /embeds/chart, /embeds/dash, /api/run, /rpc/<method>, /_mock/*.',
  },
  INTERNAL: {
    status: 500,
    stage: 'mock',
    message: 'The emulator failed unexpectedly.',
    hint: 'This is a bug in datalens-mock; please report it with the request that caused it.',
  },
} as const satisfies Record<string, ReasonDef>;
