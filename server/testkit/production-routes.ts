// Production origins in the test's browser: every request to `https://datalens.yandex.cloud/...`
// (the page, its assets, its API calls) is answered by the test's own namespace, so an unchanged
// app loads its embed from the origin it hardcodes and its token updates reach it.
import type { BrowserContext, Route } from '@playwright/test';

/** `https://datalens.yandex.cloud/`, `https://datalens.yandex.cloud` → `https://datalens.yandex.cloud`; throws on a non-origin. */
export function normalizeOrigin(origin: string): string {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    throw new Error(`dlOptions.productionOrigins: ${JSON.stringify(origin)} is not an origin (e.g. 'https://datalens.yandex.cloud').`);
  }
  if (!/^https?:$/.test(u.protocol) || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    throw new Error(`dlOptions.productionOrigins: ${JSON.stringify(origin)} is not an origin: use scheme://host[:port] with no path.`);
  }
  return u.origin;
}

/**
 * Routes each origin to `namespaceBaseUrl` (`http://127.0.0.1:PORT/_ns/<name>`): the path and query
 * are kept, and `X-Forwarded-Prefix: /` tells the page to build its links under the production
 * origin's own paths (`/embeds/static/…`, `/api/run`), as in DataLens. Returns the unroute function.
 */
export async function routeProductionOrigins(context: BrowserContext, origins: readonly string[], namespaceBaseUrl: string): Promise<() => Promise<void>> {
  const handlers: Array<[string, (route: Route) => Promise<void>]> = [];
  for (const origin of origins) {
    const handler = async (route: Route) => {
      const url = new URL(route.request().url());
      try {
        const response = await route.fetch({
          url: `${namespaceBaseUrl}${url.pathname}${url.search}`,
          headers: { ...route.request().headers(), 'x-forwarded-prefix': '/' },
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
  return async () => {
    for (const [pattern, handler] of handlers) await context.unroute(pattern, handler).catch(() => undefined);
  };
}
