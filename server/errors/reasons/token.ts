import type { ReasonDef } from './types.js';

/** Embed-token rejections (docs/fidelity.md, "Token rules"). */
export const tokenReasons = {
  TOKEN_NOT_FOUND: {
    status: 400,
    stage: 'gateway',
    message: 'The request has no x-dl-embed-token header (or it is empty).',
    hint: 'Put the JWT in the link after the hash: /embeds/chart#dl_embed_token=<JWT>. API calls must send it in the x-dl-embed-token header.',
  },
  TOKEN_MALFORMED: {
    status: 400,
    stage: 'gateway',
    message: 'The token is not a decodable JWT (three base64url parts with a JSON header and payload).',
    hint: 'Pass the token exactly as the JWT library printed it, with no quotes, spaces or URL-encoding. A header sent twice is joined with ", " and breaks the format.',
  },
  TOKEN_HEADER_REPEATED: {
    status: 400,
    stage: 'gateway',
    message: 'The x-dl-embed-token header was sent more than once; Node joined the copies with ", ", and that is not a JWT.',
    hint: 'Send the header once per request. A fetch wrapper or proxy that adds it again (e.g. both a default header and a per-call one) is the usual cause.',
  },
  TOKEN_NO_EMBED_ID: {
    status: 400,
    stage: 'gateway',
    message: 'The token payload has no embedId claim.',
    hint: 'Add "embedId": "<13-character embed ID>" to the payload you sign.',
  },
  TOKEN_TOO_LARGE: {
    status: 403,
    stage: 'us',
    message: 'The token is larger than 30 KB (30720 bytes).',
    hint: 'DataLens limits the token to 30 KB because it travels in a header. Sign fewer or shorter params, or pass non-secret ones as unsigned link params.',
  },
  EMBED_NOT_EXISTS: {
    status: 404,
    stage: 'us',
    usCode: 'EMBED_NOT_EXISTS',
    message: "The embed doesn't exist: no embed has the token's embedId (it was never created, or it was deleted, or its key was deleted).",
    hint: 'Copy the embed ID from createEmbed (or the embedding settings) into the embedId claim. Deleting a key deletes all its embeds.',
  },
  EMBEDDING_SECRET_NOT_EXISTS: {
    status: 404,
    stage: 'us',
    usCode: 'EMBEDDING_SECRET_NOT_EXISTS',
    message: "The embedding secret (key) of this embed doesn't exist.",
    hint: 'Create a new key with createEmbeddingSecret and point the embed at it with updateEmbed.',
  },
  ENTRY_NOT_EXISTS: {
    status: 404,
    stage: 'us',
    usCode: 'ENTRY_NOT_FOUND',
    message: 'The chart or dashboard this embed points to was deleted.',
    hint: 'Create a new embed for an existing entry.',
  },
  TOKEN_ALG_NOT_ALLOWED: {
    status: 403,
    stage: 'us',
    message: 'The token is not signed with PS256.',
    hint: "DataLens accepts only PS256 (RSA-PSS with SHA-256). Sign with algorithm 'PS256' and the private key of the embed's key.",
  },
  TOKEN_HEADER_CRIT: {
    status: 403,
    stage: 'us',
    message: "The token header has crit: it names JWS extensions that DataLens's verifier does not understand, so the token is invalid.",
    hint: 'Remove crit (and the extension parameters it names) from the header: a DataLens token header needs only {"alg": "PS256", "typ": "JWT"}. Most JWT libraries add crit only when asked to.',
  },
  TOKEN_SIGNATURE_INVALID: {
    status: 403,
    stage: 'us',
    message: "The signature does not verify with the public key of the embed's key.",
    hint: "Sign with the private key of the embed's key: the seed's key (its privateKey or privateKeyFile), the key returned by createEmbeddingSecret, or the private half of the publicKey you registered. PSS salt must be 32 bytes (the default of PyJWT, jsonwebtoken and golang-jwt).",
  },
  TOKEN_SERVICE_MARK: {
    status: 403,
    stage: 'us',
    message: 'The dlEmbedService claim is missing or is not YC_DATALENS_EMBEDDING_SERVICE_MARK.',
    hint: 'Add "dlEmbedService": "YC_DATALENS_EMBEDDING_SERVICE_MARK" to the payload, spelled exactly so.',
  },
  TOKEN_CLAIM_MISSING: {
    status: 403,
    stage: 'us',
    message: 'A required claim is missing.',
    hint: 'Set iat (issue time) and exp (expiry), both in Unix seconds. DataLens most likely accepts a token without them (its JWT library does); only --strict refuses it.',
  },
  TOKEN_CLAIM_TYPE: {
    status: 403,
    stage: 'us',
    message: 'A claim has the wrong type.',
    hint: 'embedId and dlEmbedService are strings; iat and exp are numbers of Unix seconds (not milliseconds, not strings); params is an object.',
  },
  TOKEN_EXPIRED: {
    status: 403,
    stage: 'us',
    message: 'The token has expired (exp is in the past on the emulator clock).',
    hint: 'Mint a new token, or keep the page alive by sending SECURE_EMBEDDING_TOKEN_UPDATE with a fresh token before exp. Check the emulator clock at /_mock/clock.',
  },
  TOKEN_IAT_IN_FUTURE: {
    status: 403,
    stage: 'us',
    message: 'iat is ahead of the emulator clock (by more than clockToleranceSec), and strictIat is on.',
    hint: 'Set iat to the current time when minting (and sync the minting machine clock). DataLens accepts a future iat, so this check is off unless you pass --strict-iat or set strictIat in /_mock/settings.',
  },
  TOKEN_LIFETIME_TOO_LONG: {
    status: 403,
    stage: 'us',
    message: 'exp - iat is more than 10 hours (36000 seconds).',
    hint: 'DataLens refuses tokens that live longer than 10 hours. Use a shorter lifetime and refresh the token by postMessage.',
  },
  TOKEN_PARAMS_TYPE: {
    status: 403,
    stage: 'us',
    message: 'A signed param value is not a string or an array of strings.',
    hint: 'Convert numbers, booleans and objects to strings before signing: {"year": "2024"}, not {"year": 2024}. DataLens accepts them and passes them on; only --strict refuses them.',
  },
  UNSIGNED_PARAMS_TYPE: {
    status: 400,
    stage: 'gateway',
    message: 'An unsigned param value (the run body\'s params) is not a string or an array of strings.',
    hint: 'Send {"year": "2024"} or {"year": ["2024"]}, as the embed page does. DataLens passes other values on to the chart unchanged, as the emulator does without --strict.',
  },
  ENTRY_NOT_IN_DEPS: {
    status: 409,
    stage: 'us',
    usCode: 'INCORRECT_ENTRY_ID_FOR_EMBED',
    message: "The requested chart is neither the embed's entry nor in its depsIds.",
    hint: 'A chart was added to the dashboard after the embed was created. Call updateEmbed with the new depsIds (or recreate the embed).',
  },
  TOKEN_WRONG_ENTRY_TYPE: {
    status: 400,
    stage: 'runner',
    message: 'The token is for the wrong kind of entry for this page or call.',
    hint: 'Use /embeds/chart with a chart embed and /embeds/dash with a dashboard embed. A dash token runs a chart only with its id.',
  },
  CONTROL_NOT_FOUND: {
    status: 404,
    stage: 'runner',
    message: 'The selector named by controlData is not on that tab of the dashboard.',
    hint: 'controlData must name {id, tabId} (and widgetId for a group) of a selector of the embedded dashboard.',
  },
  CONTROL_NAMESPACE_WITHOUT_ALIASES: {
    // The one deliberate 5xx: DataLens's own answer to a stored dashboard it cannot process, not to a malformed request.
    status: 500,
    stage: 'runner',
    message: 'The selector has a namespace, but its tab has no aliases object: DataLens throws a TypeError while checking whether to disable it, and answers 500.',
    hint: 'Give the tab an aliases object (aliases: {} at least, or {"<namespace>": [[...linked params]]}) with updateDashboard, or drop the selector\'s namespace. The doctor\'s embed audit warns about it (DLM-508).',
  },
  EXPORT_NOT_ALLOWED: {
    status: 403,
    stage: 'runner',
    message: 'This embed does not allow data export.',
    hint: 'Turn on settings.enableExport for the embed (updateEmbed {settings: {enableExport: true}}).',
  },
} as const satisfies Record<string, ReasonDef>;
