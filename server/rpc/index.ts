import type { RpcMethod } from './common.js';
import { embedMethods } from './embeds.js';
import { entryMethods } from './entries.js';
import { secretMethods } from './secrets.js';

export type { RpcMethod, RpcState, RpcConnections } from './common.js';

/** The control-plane methods, named after the DataLens Public API. */
export const coreRpcMethods: Record<string, RpcMethod> = {
  ...secretMethods,
  ...entryMethods,
  ...embedMethods,
};
