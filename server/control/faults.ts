import type { Request, Response } from 'express';
import type { FaultRegistry } from '../faults/registry.js';
import { MockError } from '../errors/catalogue.js';
import { faultSpec } from '../faults/registry.js';
import { parseBody } from '../rpc/validate.js';
import { embedIdOf, type SeedState } from './embed-ref.js';

/** What the fault handlers read: the registry, and the seed (a fault may name an embed by its key). */
export interface FaultControlState extends SeedState {
  faults: FaultRegistry;
}

/** `POST /_mock/faults` adds a fault (body: see `faultSpec`; `embedId` may be a seed key) and answers 201 with it. */
export function addFault(ctx: FaultControlState, req: Request, res: Response): void {
  const spec = parseBody(faultSpec, req.body, 'POST /_mock/faults');
  const embedId = spec.embedId === undefined ? undefined : embedIdOf(ctx, spec.embedId);
  res.status(201).json(ctx.faults.add({ ...spec, embedId }));
}

/** The faults with their remaining counts and hits. */
export function listFaults(ctx: FaultControlState, _req: Request, res: Response): void {
  res.json({ faults: ctx.faults.list() });
}

export function clearFaults(ctx: FaultControlState, _req: Request, res: Response): void {
  ctx.faults.clear();
  res.json({ faults: [] });
}

export function removeFault(ctx: FaultControlState, req: Request, res: Response): void {
  const id = String(req.params.id);
  if (!ctx.faults.remove(id)) {
    throw new MockError('ROUTE_NOT_FOUND', {
      message: `No fault ${JSON.stringify(id)}: it never existed, was cleared, or ran out.`,
      hint: 'GET /_mock/faults lists the active faults.',
    });
  }
  res.json({ faults: ctx.faults.list() });
}
