import type { Request } from 'express';
import { MockError } from '../errors/catalogue.js';
import { hostOf, type HostMatcher } from './hosts.js';
import { innerRouteKey } from './route-path.js';

/** Methods that never change state here. Every other method is a write, whatever its route. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The few writes that read another body than JSON: the doctor page's two forms (a token or link,
 * and a ClickHouse cluster audit) and a stored test host page. Keyed as the router matches them.
 */
function acceptedTypes(method: string, path: string): string[] {
  const p = innerRouteKey(path);
  if (method === 'POST' && (p === '/_mock/doctor' || p === '/_mock/doctor/clickhouse')) return ['application/x-www-form-urlencoded'];
  if (method === 'PUT' && /^\/_mock\/host-pages\/[^/]+$/.test(p)) return ['text/html'];
  return [];
}

const isJson = (type: string) => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

/**
 * Why a request comes from a page of another site, or undefined when it does not. Browsers mark
 * every request with `Sec-Fetch-Site` and a POST with `Origin`; Node clients (fetch, supertest, curl)
 * send neither. A browser that says same-origin (or none: typed by the user) is believed: it sends
 * `Origin: null` for a page with `Referrer-Policy: no-referrer`, as the doctor page has. Only without
 * `Sec-Fetch-Site` (older browsers) does the Origin decide, and `null` is then another site.
 */
export function crossSiteReason(req: Request, hosts: HostMatcher): { field: string; why: string } | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    return site === 'same-origin' || site === 'none' ? undefined : { field: 'sec-fetch-site', why: `a page of another site (Sec-Fetch-Site: ${String(site).slice(0, 40)})` };
  }
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string | undefined;
  try {
    originHost = origin === 'null' ? undefined : hostOf(new URL(origin).host);
  } catch {
    originHost = undefined;
  }
  return hosts.allows(originHost) ? undefined : { field: 'origin', why: `a page of origin ${JSON.stringify(origin.slice(0, 200))}, which is not this emulator's` };
}

/**
 * A write (any method but GET, HEAD and OPTIONS) on any path but the open gateway API must come from
 * a Node client or from the emulator's own pages, and carry JSON (or no body). A `text/plain` POST is
 * a "simple" request that any web page may send without a CORS preflight; refusing every non-JSON
 * body closes that too. The caller has already let the open gateway paths through.
 */
export function checkGuardedWrite(req: Request, hosts: HostMatcher): void {
  const where = () => `${req.method} ${req.path.slice(0, 200)}`;
  const cross = crossSiteReason(req, hosts);
  if (cross) {
    throw new MockError('CROSS_SITE_REQUEST', { field: cross.field, message: `${where()} came from ${cross.why}; the emulator state was not changed.` });
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && !isJson(type) && !acceptedTypes(req.method, req.path).includes(type)) {
    throw new MockError('UNSUPPORTED_MEDIA_TYPE', {
      field: 'content-type',
      message: `${where()} reads a JSON body, not ${type.slice(0, 100)}; nothing was changed.`,
    });
  }
}
