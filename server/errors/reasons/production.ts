import type { ReasonDef } from './types.js';

/**
 * What users of today's production DataLens get wrong, and what the emulator does not emulate
 * (docs/fidelity.md, "Today's production (2026-12)"): wrong embed paths, the token in the query, the
 * Public API's version header.
 */
export const productionReasons = {
  EMBED_ID_IN_PATH: {
    status: 404,
    stage: 'gateway',
    message: 'The embed link has an object id in its path (/embeds/dash/<id>); DataLens has no such page.',
    hint: 'Open /embeds/dash or /embeds/chart with no id: the token names the embed (its embedId claim). The link is https://datalens.ru/embeds/dash#dl_embed_token=<JWT>.',
  },
  TOKEN_IN_QUERY: {
    status: 400,
    stage: 'gateway',
    message: 'The link carries the token in its query (?dl_embed_token=…), where DataLens never reads it; the page found no token.',
    hint: 'Put the token after the hash: https://datalens.ru/embeds/dash#dl_embed_token=<JWT>. Only unsigned params go in the query, before the #.',
  },
  GATEWAY_ROUTE_NOT_FOUND: {
    status: 404,
    stage: 'gateway',
    message: 'No embed API route has this path.',
    hint: 'An embed calls POST /charts/embeds/api/run (data and selectors) and POST /embeds/api/export with the x-dl-embed-token header; the emulator also answers them under /api. /api/private/* is the API of signed-in DataLens users, not of embeds.',
  },
  EDITOR_ACTIVITY_NOT_EMULATED: {
    status: 400,
    stage: 'runner',
    message: 'POST /charts/embeds/api/run-activity runs an activity of an Editor chart; the emulator has no Editor charts and does not emulate activities.',
    hint: 'Test the embed with its data calls (POST /charts/embeds/api/run). Activities need real DataLens.',
  },
  INVALID_API_VERSION_HEADER: {
    status: 400,
    stage: 'rpc',
    usCode: 'INVALID_API_VERSION_HEADER',
    message: 'The x-dl-api-version header names no version of the Public API.',
    hint: "Send x-dl-api-version: 1, 2, 3 or latest (scripts usually send 2), or leave the header out. Example: curl -H 'x-dl-api-version: 2' …",
  },
} as const satisfies Record<string, ReasonDef>;
