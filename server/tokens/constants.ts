/** The service mark every embed token carries in `dlEmbedService` (DataLens docs, "Create a token"). */
export const SERVICE_MARK = 'YC_DATALENS_EMBEDDING_SERVICE_MARK';
/** Tokens with more than 10 hours between exp and iat are invalid (DataLens docs, "Create a token"). */
export const MAX_LIFETIME_SECONDS = 36_000;
/** The token travels in a header, so DataLens caps it at 30 KB (DataLens docs, "Create a token"). */
export const MAX_TOKEN_BYTES = 30_720;
/** The header that carries the token on every API call. */
export const EMBED_TOKEN_HEADER = 'x-dl-embed-token';
/** The only algorithm DataLens accepts. */
export const EMBED_TOKEN_ALG = 'PS256';
