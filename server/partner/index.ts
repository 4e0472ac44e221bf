// Partner connectors: the DataLens side of DataLens's "Offering a custom partner connector".
export { createPartnerService, type PartnerService } from './service.js';
export { partnerRpcMethods } from './rpc.js';
export { partnerSeed, applyPartnerSeed, type PartnerSeed, type PartnerSeedResult } from './seed.js';
export { registerPartnerCommands } from './cli.js';

// Pure functions for the doctor, /_mock/validate and the bench (no store, no I/O).
export { parseAccessToken, PART_NAMES, type ParsedAccessToken } from './token.js';
export { openAccessToken, openPayload, undecryptable, checkSignature, decryptCiphertext, datalensKeyOf, partnerKeyOf, type AccessKeys, type OpenedAccessToken } from './access-token.js';
export { inspectAccessToken, type InspectKeys, type PartnerFinding, type PartnerTokenReport } from './inspect.js';
export { inspectRegisteredToken, type RegisteredTokenReport } from './diagnose.js';
export { explainSignature, type SignatureVerdict } from './signature.js';
export { unpadPkcs1v15 } from './pkcs1.js';
export { decryptPkcs1v15, rsaPrivateRaw, verifySha1Pkcs1v15 } from './rsa.js';
export { mintAccessToken, mintAccessTokenFromPlaintext, type MintAccessTokenInput } from './mint.js';
export { parsePayload, pythonJsonDumps, isDbName, DB_NAME } from './payload.js';
export type { Connection, Connector, DatalensKey, PartnerKey } from './types.js';
