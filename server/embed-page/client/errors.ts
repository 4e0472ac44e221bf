// What the error card shows. Pure: no DOM, unit-tested in server/embed-page/errors.test.ts.

/** The monthly limit of embedded queries is used up (docs/fidelity.md, "Limits and error views"): the dash becomes the limit view. */
export const EMBED_USAGE_LIMIT_CODE = 'ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR';

/** The real DataLens texts (en i18n; docs/fidelity.md, "What the iframe shows"). */
const DATALENS_TEXTS: Record<string, string> = {
  'ERR.CHARTS.INVALID_TOKEN_FORMAT': 'Invalid token format',
  'ERR.CHARTS.TOKEN_NOT_FOUND': 'The embed has no token',
  'ERR.CHARTS.INVALID_TOKEN': 'This token is not suitable for this embed',
  'ERR.CHARTS.OUTDATED_DEPENDENCIES': 'Embed settings expired',
  'ERR.US.ENTRY_FORBIDDEN': 'This token cannot be used with the specified parameters',
  [EMBED_USAGE_LIMIT_CODE]: 'Embedded dashboard limit exceeded',
};

/** Emulator wording for codes whose DataLens text is not public. */
const FALLBACK_TEXTS: Record<string, string> = {
  ENTRY_NOT_FOUND: 'The chart or dashboard was not found',
  'ERR.ENTRY.CONFIG_LOADING_ERROR': 'Failed to load the dashboard',
  'ERR.CHARTS.CONFIG_LOADING_ERROR': 'Failed to load the chart',
  EXPORT_NOT_ALLOWED: 'Data export is not allowed for this embed',
};

export interface MockExplanation {
  reason?: string;
  message?: string;
  hint?: string;
}

export interface WidgetError {
  status: number;
  code: string;
  /** The text DataLens shows for the code. */
  title: string;
  /** The emulator's plain-words explanation (`mock` in the body), when present. */
  mock?: MockExplanation;
  /** The answer's `x-request-id`, shown as production shows `Request-id` since 2025-12. */
  requestId?: string;
}

/** The controllers' catch-all codes for a failed storage call (no reason of their own). */
const LOADING_CODES = new Set(['ERR.ENTRY.CONFIG_LOADING_ERROR', 'ERR.CHARTS.CONFIG_LOADING_ERROR', 'ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The code the page shows: a string `body.code`, else a string `body.error.code`, else one derived
 * from the status the way the UI provider maps US failures (403 → ENTRY_FORBIDDEN, 404 → ENTRY_NOT_FOUND).
 */
export function errorCodeOf(status: number, body: unknown): string {
  if (isObject(body)) {
    if (typeof body.code === 'string' && body.code) return body.code;
    const code = isObject(body.error) && typeof body.error.code === 'string' && body.error.code ? body.error.code : undefined;
    // A storage 403 reads ERR.US.ENTRY_FORBIDDEN whichever controller passed it on: the dash's config
    // load wraps it in its generic loading code, the run controller in a bare status (docs/fidelity.md).
    if (code && !(status === 403 && LOADING_CODES.has(code))) return code;
  }
  if (status === 403) return 'ERR.US.ENTRY_FORBIDDEN';
  if (status === 404) return 'ENTRY_NOT_FOUND';
  return 'ERR.CHARTS.CONFIG_LOADING_ERROR';
}

export function errorText(code: string): string {
  return DATALENS_TEXTS[code] ?? FALLBACK_TEXTS[code] ?? 'Something went wrong';
}

function readMock(body: unknown): MockExplanation | undefined {
  if (!isObject(body) || !isObject(body.mock)) return undefined;
  const { reason, message, hint } = body.mock;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { reason: str(reason), message: str(message), hint: str(hint) };
}

/** A failed gateway response as the error card shows it. */
export function toWidgetError(status: number, body: unknown, requestId?: string | null): WidgetError {
  const code = errorCodeOf(status, body);
  const id = requestId ? { requestId } : {};
  const mock = readMock(body);
  // Bodies like {error: 'Сonfig was not found'} carry only a message: keep it as the explanation.
  if (!mock && isObject(body) && typeof body.error === 'string') {
    return { status, code, title: errorText(code), mock: { message: body.error }, ...id };
  }
  return { status, code, title: errorText(code), mock, ...id };
}

/** A request that never got an answer (server down, aborted): shown as a config loading error. */
export function networkError(message: string): WidgetError {
  const code = errorCodeOf(0, undefined);
  return {
    status: 0,
    code,
    title: errorText(code),
    mock: { reason: 'NETWORK_ERROR', message, hint: 'Check that datalens-mock is still running and reachable from the browser.' },
  };
}
