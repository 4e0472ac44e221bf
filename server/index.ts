/** The library entry of datalens-mock (the public interface: README, "Testing your embed"). */
export { createMockServer, createMockApp, type MockServer, type MockApp } from './server.js';
export type { ServerOptions } from './config.js';
export { signEmbedToken, type SignEmbedTokenOptions } from './tokens/sign.js';
export { generateRsaKeyPair } from './tokens/keys.js';
export { resolveParams } from './params/engine.js';
export { REASONS, MockError, type ReasonCode } from './errors/catalogue.js';
export type { SeedResult, SeededEmbed } from './seed/load.js';
export type * from './types.js';
