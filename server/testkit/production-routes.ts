// Production origins in the test: every request to `https://datalens.ru/...` or
// `https://datalens.yandex.cloud/...` (the page, its assets, its API calls) and to the Public API
// `https://api.datalens.tech/rpc/...` is answered by the test's own namespace, so an unchanged app loads
// its embed from the origin it hardcodes, its token updates reach it, and its provisioning code runs.
// The legacy host redirects page navigations to datalens.ru, as production does since 2025-10-09
// (docs/fidelity.md, "Hosts and the redirect").
import type { BrowserContext, Route } from '@playwright/test';
import { escapeHtml } from '../core/html.js';
import { CONTROL_PLANE_ORIGINS, LEGACY_ORIGIN, PRODUCTION_ORIGIN, legacyRedirectLocation } from '../core/production.js';
import { scriptJson } from '../embed-page/html.js';

/** `https://datalens.ru/`, `https://datalens.ru` → `https://datalens.ru`; throws on a non-origin. */
export function normalizeOrigin(origin: string): string {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    throw new Error(`dlOptions.productionOrigins: ${JSON.stringify(origin)} is not an origin (e.g. 'https://datalens.ru').`);
  }
  if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    throw new Error(`dlOptions.productionOrigins: ${JSON.stringify(origin)} is not an origin: use scheme://host[:port] with no path.`);
  }
  return u.origin;
}

export interface ProductionRouteOptions {
  /**
   * A page navigation to the legacy host's `/embeds/*` is redirected to the same path, query and hash on
   * `https://datalens.ru`, as in production since 2025-10-09 (default true). `false` serves the legacy
   * host directly, as production did before (`dlOptions.legacyRedirect: false`).
   */
  legacyRedirect?: boolean;
  /** Also route the Public API origin `https://api.datalens.tech` (default true, when any origin is routed). */
  controlPlane?: boolean;
  /**
   * Also route the worker's global `fetch` (Node): a provisioning script the test calls, which posts to
   * `https://api.datalens.tech/rpc/createEmbed`, reaches the namespace unchanged (default true).
   */
  nodeFetch?: boolean;
}

/**
 * Every origin that {@link routeProductionOrigins} routes for `origins`: those, plus `https://datalens.ru`
 * when the legacy host redirects there (so the redirect never leaves the test), plus the Public API.
 */
export function routedOrigins(origins: readonly string[], options: ProductionRouteOptions = {}): string[] {
  if (origins.length === 0) return [];
  const all = new Set(origins);
  if (options.legacyRedirect !== false && all.has(LEGACY_ORIGIN)) all.add(PRODUCTION_ORIGIN);
  if (options.controlPlane !== false) for (const o of CONTROL_PLANE_ORIGINS) all.add(o);
  return [...all];
}

/**
 * The legacy host's redirect, inside the test's browser. Playwright does not route the request a fulfilled
 * 302 redirects to, so a real redirect would leave the test for the real datalens.ru. The page moves the
 * frame instead (`location.replace`, no history entry), keeping path, query and hash, as a 302 does: the
 * frame lands on `https://datalens.ru/embeds/…`, which is routed.
 */
function redirectPage(location: string): { status: number; contentType: string; headers: Record<string, string>; body: string } {
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'cache-control': 'no-store' },
    body: `<!doctype html><meta charset="utf-8"><title>Moved to ${escapeHtml(PRODUCTION_ORIGIN)}</title><script>location.replace(${scriptJson(location)} + location.hash);</script>`,
  };
}

/** Where a request to a routed origin goes: the namespace, same path and query. */
function namespaceUrl(namespaceBaseUrl: string, url: URL): string {
  return `${namespaceBaseUrl}${url.pathname}${url.search}`;
}

/**
 * Routes each origin (see {@link routedOrigins}) to `namespaceBaseUrl` (`http://127.0.0.1:PORT/_ns/<name>`):
 * the path and query are kept, and `X-Forwarded-Prefix: /` tells the page to build its links under the
 * production origin's own paths (`/embeds/static/…`, `/charts/embeds/api/run`), as in DataLens. Returns
 * the unroute function.
 */
export async function routeProductionOrigins(
  context: BrowserContext,
  origins: readonly string[],
  namespaceBaseUrl: string,
  options: ProductionRouteOptions = {},
): Promise<() => Promise<void>> {
  const handlers: Array<[string, (route: Route) => Promise<void>]> = [];
  const redirect = options.legacyRedirect !== false;
  for (const origin of routedOrigins(origins, options)) {
    const handler = async (route: Route) => {
      const request = route.request();
      const url = new URL(request.url());
      try {
        const location = redirect && request.isNavigationRequest() && request.method() === 'GET' ? legacyRedirectLocation(url.hostname, `${url.pathname}${url.search}`) : undefined;
        if (location !== undefined) {
          await route.fulfill(redirectPage(location));
          return;
        }
        // Host is the emulator's own (a production Host would make it redirect the namespace's path).
        const { host: _host, ...headers } = request.headers();
        const response = await route.fetch({
          url: namespaceUrl(namespaceBaseUrl, url),
          headers: { ...headers, 'x-forwarded-prefix': '/' },
          maxRedirects: 0,
        });
        await route.fulfill({ response });
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        // The test is over (context closing) or the emulator is gone: say so in the page, not as a hang.
        await route
          .fulfill({ status: 502, contentType: 'text/plain', body: `datalens-mock: ${url.href} could not be served by ${namespaceBaseUrl}: ${message}` })
          .catch(() => undefined);
      }
    };
    await context.route(`${origin}/**`, handler);
    handlers.push([`${origin}/**`, handler]);
  }
  const unrouteFetch = options.nodeFetch === false ? () => undefined : routeNodeFetch(routedOrigins(origins, options), namespaceBaseUrl);
  return async () => {
    unrouteFetch();
    for (const [pattern, handler] of handlers) await context.unroute(pattern, handler).catch(() => undefined);
  };
}

/**
 * Routes the worker's global `fetch` for `origins` to the namespace, as the browser routes do: code the
 * test runs in Node (a provisioning script calling `https://api.datalens.tech/rpc/createEmbed`) reaches
 * the test's emulator unchanged. Other URLs go to the fetch that was installed before. Returns the
 * function that puts that fetch back.
 */
export function routeNodeFetch(origins: readonly string[], namespaceBaseUrl: string): () => void {
  if (origins.length === 0) return () => undefined;
  const routed = new Set(origins);
  const previous = globalThis.fetch;
  const routedFetch: typeof fetch = (input, init) => {
    const raw = input instanceof Request ? input.url : String(input instanceof URL ? input.href : input);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return previous(input, init);
    }
    if (!routed.has(url.origin)) return previous(input, init);
    const target = namespaceUrl(namespaceBaseUrl, url);
    return previous(input instanceof Request ? new Request(target, input) : target, init);
  };
  globalThis.fetch = routedFetch;
  return () => {
    if (globalThis.fetch === routedFetch) globalThis.fetch = previous;
  };
}
