import type { Request, Response } from 'express';
import { MockError } from '../errors/catalogue.js';
import { checkNamespace, type NamespaceState } from '../namespaces/dispatch.js';

export function listNamespaces(ctx: NamespaceState, _req: Request, res: Response): void {
  res.json({ namespaces: ctx.namespaces?.list() ?? [] });
}

/** Creates a namespace now (201; 200 if it exists), so that seed errors surface early. */
export async function putNamespace(ctx: NamespaceState, req: Request, res: Response): Promise<void> {
  const name = String(req.params.name);
  checkNamespace(ctx, name);
  const registry = ctx.namespaces!;
  const existed = registry.has(name);
  await registry.get(name);
  res.status(existed ? 200 : 201).json(registry.list().find((n) => n.name === name));
}

export async function deleteNamespace(ctx: NamespaceState, req: Request, res: Response): Promise<void> {
  const name = String(req.params.name);
  checkNamespace(ctx, name);
  if (!(await ctx.namespaces!.delete(name))) {
    throw new MockError('ROUTE_NOT_FOUND', { message: `No namespace ${name}.`, hint: 'GET /_mock/namespaces lists the live ones.' });
  }
  res.json({ status: 'ok', namespace: name });
}

export async function deleteNamespaces(ctx: NamespaceState, _req: Request, res: Response): Promise<void> {
  const names = ctx.namespaces?.list().map((n) => n.name) ?? [];
  await ctx.namespaces?.closeAll();
  res.json({ status: 'ok', closed: names });
}
