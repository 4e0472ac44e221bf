import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../core/context.js';
import { legacyRedirectLocation } from '../core/production.js';
import { hostOf } from '../guard/hosts.js';

/**
 * The legacy host's redirect (docs/fidelity.md, "Hosts and the redirect"): a GET or HEAD of `/embeds/*`
 * whose Host is `datalens.yandex.cloud` is sent to the same path and query on `https://datalens.ru`, as
 * production does since 2025-10-09. The runtime setting `legacyRedirect: false` (`serve --legacy-host-direct`)
 * serves the legacy host directly instead, as production did before. Mounted on the root app only, after
 * the request guard, so the Host it reads is one the guard has allowed.
 */
export function legacyHostRedirect(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ctx.settings.legacyRedirect) return next();
    const location = legacyRedirectLocation(hostOf(req.headers.host), req.originalUrl);
    if (location === undefined) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, location);
  };
}
