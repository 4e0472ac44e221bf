import { productionReasons } from '../../errors/reasons/production.js';
import { networkError, toWidgetError, type WidgetError } from './errors.js';
import type { PageConfig } from './types.js';

export type Result<T> = { ok: true; body: T } | { ok: false; error: WidgetError };

let requestCounter = 0;

/** The gateway routes the page calls. */
export type GatewayRoute = '/run' | '/export' | '/embedded-entry';

/**
 * Where the page calls a route, as production pages build it from `DL` (docs/fidelity.md, "Paths of the
 * production page"): data at `{endpoints.charts}{apiPrefix}/run` (`/charts/embeds/api/run`), the rest at
 * `{apiPrefix}{route}` (`/embeds/api/export`); `appBase` in front (`''`, or `/_ns/<name>` in a test-kit namespace).
 */
export function gatewayUrl(config: Pick<PageConfig, 'apiPrefix' | 'endpoints' | 'appBase'>, route: GatewayRoute): string {
  const charts = route === '/run' ? (config.endpoints?.charts ?? '') : '';
  return `${config.appBase ?? ''}${charts}${config.apiPrefix.replace(/\/$/, '')}${route}`;
}

/**
 * A link with the token in its query (`?dl_embed_token=`) and none after the hash: the server can only
 * say "no token"; the page names the mistake and the fix.
 */
export function explainMissingToken(error: WidgetError, token: string, search: string): WidgetError {
  if (token || error.code !== 'ERR.CHARTS.TOKEN_NOT_FOUND' || !new URLSearchParams(search).has('dl_embed_token')) return error;
  const def = productionReasons.TOKEN_IN_QUERY;
  return { ...error, mock: { reason: 'TOKEN_IN_QUERY', message: def.message, hint: def.hint } };
}

/** Headers the real client sends on embedded pages, plus the emulator's explain switch. */
export function gatewayHeaders(token: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'x-dl-display-mode': 'secure-embedded',
    'x-request-id': `dl-mock-${Date.now().toString(36)}-${++requestCounter}`,
    // Emulator extension: ask for the param trace shown in the params panel.
    'x-dl-mock-explain': '1',
  };
  // An absent token is sent as no header at all, so the gateway answers TOKEN_NOT_FOUND as DataLens does.
  if (token) headers['x-dl-embed-token'] = token;
  if (json) headers['content-type'] = 'application/json';
  return headers;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** Calls the gateway and turns any failure into the error card's shape. */
export async function callGateway<T>(url: string, token: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: gatewayHeaders(token, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    return { ok: false, error: networkError(`${url}: ${(e as Error).message}`) };
  }
  const parsed = await readBody(res);
  return res.ok ? { ok: true, body: parsed as T } : { ok: false, error: explainMissingToken(toWidgetError(res.status, parsed, res.headers.get('x-request-id')), token, location.search) };
}

/** Posts and expects a file back (export). */
export async function downloadFromGateway(url: string, token: string, body: unknown): Promise<Result<Blob>> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: gatewayHeaders(token, true), body: JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    return { ok: false, error: networkError(`${url}: ${(e as Error).message}`) };
  }
  if (!res.ok) return { ok: false, error: toWidgetError(res.status, await readBody(res), res.headers.get('x-request-id')) };
  return { ok: true, body: await res.blob() };
}
