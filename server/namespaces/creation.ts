import type { Request } from 'express';

/**
 * Requests that may create a namespace on first use: writes (not GET, HEAD or OPTIONS) that the
 * request guard took as coming from this machine's own code, not from a web page of another site
 * nor from another machine. The guard marks them (server/guard); the dispatcher asks. A GET never
 * creates one: an `<img src=".../_ns/<new>/...">` on any page must not fill the registry.
 */
const creators = new WeakSet<Request>();

export function allowNamespaceCreation(req: Request): void {
  creators.add(req);
}

export function mayCreateNamespace(req: Request): boolean {
  return creators.has(req);
}
