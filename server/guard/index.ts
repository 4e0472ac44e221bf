import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../core/context.js';
import { MockError } from '../errors/catalogue.js';
import { checkControlWrite } from './cross-site.js';
import { hostMatcher, hostOf, type HostMatcher } from './hosts.js';

export { hostMatcher, hostOf, type HostMatcher } from './hosts.js';
export { checkControlWrite, isControlRoute } from './cross-site.js';

/**
 * The request guard, first on every route (docs/security.md): refuses a Host the emulator does not
 * answer (DNS rebinding), then cross-site writes and non-JSON bodies on /_mock and /rpc. The embed
 * pages and the gateway API stay frameable and callable from any host page, as in DataLens.
 * A namespace's own emulator trusts its parent, which has already checked the request.
 */
export function requestGuard(ctx: AppContext) {
  let hosts: HostMatcher | undefined;
  // The Host headers seen allowed so far: a client sends the same one on every request, so the
  // answer is looked up instead of parsed again (the matcher is fixed for the emulator's life).
  const allowed = new Set<string>();
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (ctx.namespace !== undefined) return next();
    const raw = req.headers.host;
    if (raw !== undefined && allowed.has(raw)) {
      checkControlWrite(req, (hosts ??= hostMatcher(ctx.options)));
      return next();
    }
    hosts ??= hostMatcher(ctx.options);
    const host = hostOf(raw);
    if (hosts.allows(host) && raw !== undefined && allowed.size < 100) allowed.add(raw);
    if (!hosts.allows(host)) {
      throw new MockError('HOST_NOT_ALLOWED', {
        field: 'host',
        message: `This emulator does not answer the host ${JSON.stringify((raw ?? '').slice(0, 200))}; it answers ${hosts.describe()}.`,
      });
    }
    checkControlWrite(req, hosts);
    next();
  };
}
