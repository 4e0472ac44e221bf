import type { NextFunction, Request, Response } from 'express';
import { MockError } from '../errors/catalogue.js';
import { mayCreateNamespace } from './creation.js';
import { NAMESPACE_NAME, type NamespaceRegistry } from './registry.js';

/** What namespace dispatch reads of its emulator: its own name if it is a namespace, else its registry. */
export interface NamespaceState {
  namespace?: string;
  namespaces?: NamespaceRegistry;
}

/** Throws unless `name` is a usable namespace name on a top-level emulator. */
export function checkNamespace(ctx: Pick<NamespaceState, 'namespace'>, name: string): void {
  if (ctx.namespace !== undefined) {
    throw new MockError('ROUTE_NOT_FOUND', {
      message: `Namespaces don't nest: this is already namespace ${ctx.namespace}.`,
      hint: 'Use /_ns/<name>/... on the top-level emulator only.',
    });
  }
  if (!NAMESPACE_NAME.test(name)) {
    throw new MockError('ROUTE_NOT_FOUND', {
      field: 'namespace',
      message: `${JSON.stringify(name.slice(0, 80))} is not a namespace name.`,
      hint: 'A namespace name is 1-64 characters of letters, digits, "_", "." and "-", starting with a letter or digit, e.g. w0-t12.',
    });
  }
}

/**
 * `/_ns/<name>/...`: hands the request to the namespace's own emulator, which sees the rest of the
 * path (`/embeds/chart`, `/api/run`, `/rpc/...`, `/_mock/...`). Its `req.baseUrl` starts with
 * `/_ns/<name>`, so pages that derive their API base from it stay inside the namespace. A namespace
 * that is not live is created only by a write the request guard let through as this machine's own
 * (server/namespaces/creation.ts); anything else gets 404 NAMESPACE_NOT_FOUND.
 */
export function namespaceDispatcher(ctx: NamespaceState) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const name = String(req.params.namespace);
    checkNamespace(ctx, name);
    const registry = ctx.namespaces!;
    const live = registry.find(name);
    if (!live && !mayCreateNamespace(req)) {
      throw new MockError('NAMESPACE_NOT_FOUND', {
        field: 'namespace',
        message: `No namespace ${name}: ${req.method} ${req.originalUrl.slice(0, 200)} does not create one.`,
      });
    }
    const child = await (live ?? registry.get(name));
    child.app(req, res, next);
  };
}
