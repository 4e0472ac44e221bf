// No request of a test reaches real DataLens. The fixture routes the production origins to the test's
// emulator (./production-routes.ts); every other request to a production host (routing turned off with
// `productionOrigins: []`, another scheme or port, a host left out of the list) is stopped here, and the
// test fails naming it: a test must never hand a token to production, nor pass because it was online.
import type { BrowserContext, Route } from '@playwright/test';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { escapeHtml } from '../core/html.js';

/** A request of the test that would have left for a real DataLens host. */
export interface BlockedRequest {
  method: string;
  url: string;
  /** What the browser was loading: `document` (a page or frame), `fetch`, `script`, … */
  resourceType: string;
}

/** What the fixture set up in one browser context: what frame descriptions and matchers read. */
export interface ContextRouting {
  /** Origins answered by the test's emulator namespace. */
  routed: readonly string[];
  blocked: BlockedRequest[];
}

const byContext = new WeakMap<BrowserContext, ContextRouting>();

/** The routing of the context a page lives in, when the fixture set it up. */
export function routingOf(context: BrowserContext): ContextRouting | undefined {
  return byContext.get(context);
}

/** A production host of DataLens (`datalens.ru`, `datalens.yandex.cloud`, …), whatever the scheme and port. */
export function isProductionHost(url: URL | string): boolean {
  try {
    return PRODUCTION_HOSTS.includes((typeof url === 'string' ? new URL(url) : url).hostname);
  } catch {
    return false;
  }
}

const MAX_KEPT = 20;

function blockedPage(url: string, routed: readonly string[]): string {
  const routing = routed.length ? `Routed to the test's emulator: ${routed.join(', ')}.` : 'Production routing is off (dlOptions.productionOrigins is []).';
  return `<!doctype html><meta charset="utf-8"><title>blocked by datalens-mock</title>
<p data-testid="dl-blocked">datalens-mock blocked ${escapeHtml(url)}: it is real DataLens, and no test may reach it. ${escapeHtml(routing)}</p>`;
}

/**
 * Stops every request of `context` to a production host outside `routed`, and records it. Navigations
 * get a page that says why; other requests fail as blocked. Returns the function that removes the guard.
 */
export async function guardProductionHosts(context: BrowserContext, routed: readonly string[]): Promise<{ routing: ContextRouting; remove: () => Promise<void> }> {
  const routing: ContextRouting = { routed, blocked: [] };
  const routedSet = new Set(routed);
  const matches = (url: URL) => isProductionHost(url) && !routedSet.has(url.origin);
  const handler = async (route: Route) => {
    const r = route.request();
    if (routing.blocked.length < MAX_KEPT) routing.blocked.push({ method: r.method(), url: r.url(), resourceType: r.resourceType() });
    if (r.isNavigationRequest()) await route.fulfill({ status: 403, contentType: 'text/html', body: blockedPage(r.url(), routed) }).catch(() => undefined);
    else await route.abort('blockedbyclient').catch(() => undefined);
  };
  await context.route(matches, handler);
  byContext.set(context, routing);
  return {
    routing,
    remove: async () => {
      await context.unroute(matches, handler).catch(() => undefined);
    },
  };
}

/** "" when nothing was blocked; otherwise the failure a test gets, naming the URLs and the way out. */
export function describeBlocked(routing: ContextRouting): string {
  if (routing.blocked.length === 0) return '';
  const lines = routing.blocked.slice(0, 5).map((b) => `  - ${b.method} ${b.url.length > 200 ? `${b.url.slice(0, 200)}…` : b.url} (${b.resourceType})`);
  if (routing.blocked.length > 5) lines.push(`  - … and ${routing.blocked.length - 5} more`);
  const fix = routing.routed.length
    ? `Only ${routing.routed.join(', ')} ${routing.routed.length === 1 ? 'is' : 'are'} routed to the test's emulator: add the origin to dlOptions.productionOrigins (or leave the option out: every production host is routed by default).`
    : 'Production routing is off (dlOptions.productionOrigins is []): leave the option out to route every production host to the test\'s emulator, or point the app at dl.embedUrl(...).';
  return `This test requested real DataLens; datalens-mock blocked it, so no token left the machine:\n${lines.join('\n')}\n${fix}`;
}
