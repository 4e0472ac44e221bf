import type { Request, Response } from 'express';
import type { AppContext } from '../core/context.js';
import { MockError } from '../errors/catalogue.js';
import { faultSpec } from '../faults/registry.js';
import { parseBody } from '../rpc/validate.js';
import { embedIdOf } from './embed-ref.js';

/** `POST /_mock/faults` adds a fault (body: see `faultSpec`; `embedId` may be a seed key) and answers 201 with it. */
export function addFault(ctx: AppContext, req: Request, res: Response): void {
  const spec = parseBody(faultSpec, req.body, 'POST /_mock/faults');
  const embedId = spec.embedId === undefined ? undefined : embedIdOf(ctx, spec.embedId);
  res.status(201).json(ctx.faults.add({ ...spec, embedId }));
}

/** The faults with their remaining counts and hits. */
export function listFaults(ctx: AppContext, _req: Request, res: Response): void {
  res.json({ faults: ctx.faults.list() });
}

export function clearFaults(ctx: AppContext, _req: Request, res: Response): void {
  ctx.faults.clear();
  res.json({ faults: [] });
}

export function removeFault(ctx: AppContext, req: Request, res: Response): void {
  const id = String(req.params.id);
  if (!ctx.faults.remove(id)) {
    throw new MockError('ROUTE_NOT_FOUND', {
      message: `No fault ${JSON.stringify(id)}: it never existed, was cleared, or ran out.`,
      hint: 'GET /_mock/faults lists the active faults.',
    });
  }
  res.json({ faults: ctx.faults.list() });
}
