/** The library entry of datalens-mock (README, "Library"). */
export { createMockServer, createMockApp, type MockServer, type MockApp, type MockContext } from './public-api.js';
export type { ServerOptions } from './core/config.js';
export { signEmbedToken, type SignEmbedTokenOptions } from './tokens/sign.js';
export { generateRsaKeyPair } from './tokens/keys.js';
export { resolveParams } from './params/engine.js';
export { REASONS, MockError, type ReasonCode } from './errors/catalogue.js';
export type { SeedResult, SeededEmbed, SeededConnection } from './seed/result.js';
export type * from './core/types.js';
