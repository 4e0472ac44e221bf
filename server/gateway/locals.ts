// The keys that middlewares and routers leave on `res.locals` for each other, declared once
// (Express's `Locals` interface): every read and write of them is typed.
import type { GatewayController } from '../errors/bodies.js';
import type { MockError } from '../errors/catalogue.js';
import type { ResolveParamsResult } from '../params/engine.js';
import type { DecodedEmbedToken } from '../tokens/decode.js';
import type { FirstSeenJudgement } from './first-seen.js';

/** What a request carries across the middlewares of one emulator. */
export interface RequestLocals {
  /** Which DataLens controller answers (the gateway sets it): errors then get that controller's body. */
  controller?: GatewayController;
  /** The gateway's decode of the embed token: the journal labels its entry with it instead of decoding again. */
  embedToken?: DecodedEmbedToken;
  /** Set when the token was judged by first sight (a real-clock token on a moved clock; server/gateway/first-seen.ts). */
  firstSeen?: FirstSeenJudgement;
  /** The param engine's result, for the journal's param trace. */
  trace?: ResolveParamsResult;
  /** The catalogued error the answer was built from (the error middleware sets it). */
  rejection?: MockError;
  /** The injected fault that answered (server/faults). */
  fault?: { id: string; description: string };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // Express's own extension point for res.locals: a declaration merge, not a class.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Locals extends RequestLocals {}
  }
}
