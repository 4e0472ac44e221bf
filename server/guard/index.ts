import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../emulator/context.js';
import { MockError } from '../errors/catalogue.js';
import { allowNamespaceCreation } from '../namespaces/creation.js';
import { SAFE_METHODS, checkGuardedWrite, crossSiteReason } from './cross-site.js';
import { hostMatcher, hostOf, type HostMatcher } from './hosts.js';
import { openGatewayPaths } from './open-paths.js';
import { withoutNamespace } from './route-path.js';
import { checkRemoteAdmin, fromLoopback, isAdminRead } from './remote.js';

export { hostMatcher, hostOf, type HostMatcher } from './hosts.js';
export { bindWarning } from './remote.js';

/** `/_ns/<name>/…` as the router mounts it (any case). */
const inNamespace = (path: string): boolean => withoutNamespace(path) !== path;

/**
 * The request guard, first on every route (docs/security.md):
 * 1. refuses a Host the emulator does not answer (DNS rebinding);
 * 2. lets the gateway API an embed page calls through from any site, as DataLens does;
 * 3. refuses every other write (any method but GET, HEAD, OPTIONS, on any path and any spelling of
 *    it) from a page of another site, or with a body that is not JSON;
 * 4. answers admin calls (those writes, the demo page, a connector audit) from loopback clients only,
 *    unless `allowRemoteAdmin`.
 * A write that passes may create a namespace on first use. A namespace's own emulator trusts its
 * parent, which has already checked the request.
 */
export function requestGuard(ctx: AppContext) {
  let hosts: HostMatcher | undefined;
  const isOpen = openGatewayPaths(ctx.options.apiPrefix);
  const remoteAdmin = ctx.options.allowRemoteAdmin === true;
  // The Host headers seen allowed so far: a client sends the same one on every request, so the
  // answer is looked up instead of parsed again (the matcher is fixed for the emulator's life).
  const allowed = new Set<string>();
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (ctx.namespace !== undefined) return next();
    hosts ??= hostMatcher(ctx.options);
    const raw = req.headers.host;
    if (raw === undefined || !allowed.has(raw)) {
      const host = hostOf(raw);
      if (!hosts.allows(host)) {
        throw new MockError('HOST_NOT_ALLOWED', {
          field: 'host',
          message: `This emulator does not answer the host ${JSON.stringify((raw ?? '').slice(0, 200))}; it answers ${hosts.describe()}.`,
        });
      }
      if (raw !== undefined && allowed.size < 100) allowed.add(raw);
    }
    const local = remoteAdmin || fromLoopback(req);
    if (SAFE_METHODS.has(req.method)) {
      if (!local && isAdminRead(req.path)) checkRemoteAdmin(req);
      return next();
    }
    if (isOpen(req.path)) {
      // Open to any page; but only this machine's own code creates a namespace with it.
      if (local && inNamespace(req.path) && crossSiteReason(req, hosts) === undefined) allowNamespaceCreation(req);
      return next();
    }
    checkGuardedWrite(req, hosts);
    if (!local) checkRemoteAdmin(req);
    if (inNamespace(req.path)) allowNamespaceCreation(req);
    next();
  };
}
