import type { Request } from 'express';
import { MockError } from '../errors/catalogue.js';
import { hostOf, type HostMatcher } from './hosts.js';

/** Methods that never change state here. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `/_ns/<name>` in front of a namespace's own routes. */
const NAMESPACE_PREFIX = /^\/_ns\/[^/]+/;
const withoutNamespace = (path: string): string => (path.startsWith('/_ns/') ? path.replace(NAMESPACE_PREFIX, '') : path);

/** Routes whose writes are guarded: the control plane and the emulator controls. */
export function isControlRoute(path: string): boolean {
  // Every request passes here: the gateway's paths are told apart by their first characters.
  if (path.charCodeAt(1) !== 0x5f /* _ */ && path.charCodeAt(1) !== 0x72 /* r */) return false;
  const p = withoutNamespace(path);
  return p === '/rpc' || p.startsWith('/rpc/') || p === '/_mock' || p.startsWith('/_mock/');
}

/**
 * The few control routes that read another body than JSON: the doctor page's two forms (a token or
 * link, and a ClickHouse cluster audit) and a stored test host page. Everything else under /_mock and /rpc reads JSON only.
 */
function acceptedTypes(method: string, path: string): string[] {
  const p = withoutNamespace(path);
  if (method === 'POST' && (p === '/_mock/doctor' || p === '/_mock/doctor/clickhouse')) return ['application/x-www-form-urlencoded'];
  if (method === 'PUT' && /^\/_mock\/host-pages\/[^/]+$/.test(p)) return ['text/html'];
  return [];
}

const isJson = (type: string) => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

/**
 * A state-changing call of /_mock or /rpc must come from a Node client or from the emulator's own
 * pages. Browsers mark every request with `Sec-Fetch-Site` and a POST with `Origin`; Node clients
 * (fetch, supertest, curl) send neither, so they pass. A `text/plain` POST is a "simple" request
 * that any web page may send without a CORS preflight; refusing every non-JSON body closes that too.
 */
export function checkControlWrite(req: Request, hosts: HostMatcher): void {
  if (SAFE_METHODS.has(req.method) || !isControlRoute(req.path)) return;
  const where = `${req.method} ${req.path}`;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new MockError('CROSS_SITE_REQUEST', {
      field: 'sec-fetch-site',
      message: `${where} came from a page of another site (Sec-Fetch-Site: ${site}); the emulator state was not changed.`,
    });
  }
  // A browser that says same-origin (or none: typed by the user) is believed: it sends `Origin: null`
  // for a page with `Referrer-Policy: no-referrer`, as the doctor page has. Only without the header
  // (older browsers) does the Origin decide.
  const origin = req.headers.origin;
  if (site === undefined && origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = origin === 'null' ? undefined : hostOf(new URL(origin).host);
    } catch {
      originHost = undefined;
    }
    if (!hosts.allows(originHost)) {
      throw new MockError('CROSS_SITE_REQUEST', {
        field: 'origin',
        message: `${where} came from a page of origin ${JSON.stringify(origin.slice(0, 200))}, which is not this emulator's; the emulator state was not changed.`,
      });
    }
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && !isJson(type) && !acceptedTypes(req.method, req.path).includes(type)) {
    throw new MockError('UNSUPPORTED_MEDIA_TYPE', {
      field: 'content-type',
      message: `${where} reads a JSON body, not ${type}; nothing was changed.`,
    });
  }
}
