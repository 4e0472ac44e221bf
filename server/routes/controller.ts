import type { Request, Response } from 'express';
import type { GatewayController } from '../errors/bodies.js';
import { authenticate } from '../gateway/pipeline.js';
import type { GatewayState } from '../gateway/pipeline.js';
import { EMBED_TOKEN_HEADER } from '../tokens/constants.js';
import type { VerifiedEmbedToken } from '../tokens/verify.js';

/** Marks which DataLens controller answers, so errors get that controller's body (docs/fidelity.md, "Error bodies"). */
export function asController(controller: GatewayController) {
  return (_req: Request, res: Response, next: () => void) => {
    res.locals.controller = controller;
    next();
  };
}

/** The token pipeline (server/gateway) on a request's x-dl-embed-token header; the journal labels its entry with the decoded token. */
export function authenticateRequest(state: GatewayState, req: Request, res: Response): Promise<VerifiedEmbedToken> {
  return authenticate(state, req.headers[EMBED_TOKEN_HEADER], {
    onDecoded: (decoded) => {
      res.locals.embedToken = decoded;
    },
    onFirstSeen: (judgement) => {
      res.locals.firstSeen = judgement;
    },
  });
}
