import { setTimeout as sleep } from 'node:timers/promises';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayController } from '../errors/bodies.js';
import { MockError } from '../errors/catalogue.js';
import { peekToken, requestClassifier } from '../journal/facts.js';
import type { Fault, FaultRegistry } from './registry.js';

const CONTROLLERS: Record<string, GatewayController> = { run: 'run', 'embedded-entry': 'embeddedEntry', export: 'export' };

const STOP_HINT = 'Injected by POST /_mock/faults; DELETE /_mock/faults to stop.';

/** The body of a `status` fault when the test gave none: says plainly that it was injected. */
function defaultBody(fault: Fault, gateway: boolean): Record<string, unknown> {
  const message = `Injected failure (fault ${fault.id}: ${fault.description}).`;
  const mock = { reason: 'INJECTED_FAULT', message, hint: STOP_HINT };
  return gateway ? { code: 'ERR.MOCK.INJECTED_FAULT', extra: { message, hideRetry: false }, mock } : { code: 'INJECTED_FAULT', message, hint: STOP_HINT };
}

/** What the fault middleware reads of its emulator. */
export interface FaultState {
  options: { apiPrefix: string };
  faults: FaultRegistry;
}

/**
 * Applies injected faults (server/faults/registry.ts) to gateway, rpc and partner requests before
 * their routers run. A `reject` fault throws the catalogued error, so the body is exactly what the
 * real rejection would produce; `res.locals.fault` tells the journal which fault answered.
 */
export function faultMiddleware(ctx: FaultState) {
  const classify = requestClassifier(ctx.options.apiPrefix);
  const apply = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const facts = classify(req.method, req.path)?.facts;
    if (!facts) return next();
    const embedId = facts.kind === 'gateway' ? peekToken(req.headers)?.embedId : undefined;
    const fault = ctx.faults.take({ ...facts, embedId });
    if (!fault) return next();
    res.locals.fault = { id: fault.id, description: fault.description };
    if (fault.latencyMs) await sleep(fault.latencyMs);
    const gateway = facts.kind === 'gateway';
    if (fault.reject) {
      if (gateway) res.locals.controller = CONTROLLERS[facts.gatewayRoute ?? ''] ?? 'run';
      const err = new MockError(fault.reject);
      throw new MockError(fault.reject, { message: `${err.message} (Injected by fault ${fault.id}.)`, hint: `${err.hint} ${STOP_HINT}` });
    }
    if (fault.status !== undefined) {
      res.status(fault.status).json(fault.body ?? defaultBody(fault, gateway));
      return;
    }
    next();
  };
  // Synchronous when no fault is registered: an async middleware on every request costs Express 5
  // a promise per request, which measurably slowed POST /api/run (npm run bench).
  return (req: Request, res: Response, next: NextFunction): void | Promise<void> => {
    if (ctx.faults.size === 0) return next();
    return apply(req, res, next);
  };
}
