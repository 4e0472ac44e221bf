import { innerRouteKey, routeKey } from './route-path.js';

/**
 * The gateway routes an embed page calls, relative to the API prefix: open to a page of any site,
 * as in DataLens (each call needs a signed token and changes no state).
 */
const GATEWAY_ROUTES = ['/run', '/export', '/embedded-entry'];

/** The same calls under the paths production DataLens serves them at (docs/production-app.md). */
const PRODUCTION_GATEWAY_PATHS = ['/charts/embeds/api/run', '/charts/embeds/api/run-activity', '/embeds/api/export'];

/**
 * Which paths a write from any site may reach: the gateway API only, under the root or a namespace.
 * Every other path and spelling is guarded, so a new route fails closed.
 */
export function openGatewayPaths(apiPrefix: string): (path: string) => boolean {
  const prefix = routeKey(apiPrefix.replace(/\/+$/, ''));
  const open = new Set([...GATEWAY_ROUTES.map((r) => `${prefix === '/' ? '' : prefix}${r}`), ...PRODUCTION_GATEWAY_PATHS]);
  return (path) => open.has(innerRouteKey(path));
}
