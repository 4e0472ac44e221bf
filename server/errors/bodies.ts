import type { MockError } from './catalogue.js';

/** Which UI Node controller answers: they format the same failures differently (docs/fidelity.md, "Error bodies"). */
export type GatewayController = 'run' | 'embeddedEntry' | 'export';

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The body real DataLens sends for a rejection, per controller (docs/fidelity.md, "Error bodies"), plus the
 * emulator's `mock` explanation. Gateway-stage failures keep DataLens's exact bodies; US-stage
 * failures pass the US status through, as the UI server does.
 */
export function gatewayErrorResponse(err: MockError, controller: GatewayController): ErrorResponse {
  const mock = err.explanation;
  const status = err.status;
  const body = (b: Record<string, unknown>): ErrorResponse => ({ status, body: { ...b, mock } });

  switch (err.reason) {
    case 'TOKEN_NOT_FOUND':
      return controller === 'embeddedEntry'
        ? body({ code: 'ERR.CHARTS.INVALID_TOKEN_FORMAT', extra: { message: 'You must provide embedToken', hideRetry: true } })
        : body({ code: 'ERR.CHARTS.TOKEN_NOT_FOUND', extra: { message: 'You must provide embedToken', hideRetry: true } });
    case 'TOKEN_MALFORMED':
    case 'TOKEN_HEADER_REPEATED':
    case 'TOKEN_NO_EMBED_ID':
      return body({
        code: controller === 'embeddedEntry' ? 'ERR.CHARTS.INVALID_TOKEN_FORMAT' : 'ERR.CHARTS.INVALID_TOKEN',
        extra: { message: 'Wrong token format', hideRetry: true },
      });
    case 'TOKEN_WRONG_ENTRY_TYPE':
      return body({ code: 'ERR.CHARTS.INVALID_TOKEN', extra: { message: 'Invalid token', hideRetry: true } });
    case 'ENTRY_NOT_IN_DEPS':
      return body({
        code: 'ERR.CHARTS.OUTDATED_DEPENDENCIES',
        extra: { message: 'Dependencies of embed are outdated', hideRetry: true },
      });
    case 'CONTROL_NAMESPACE_WITHOUT_ALIASES':
      // An exception in the runner: DataLens's generic handler, with its default code.
      return body(genericErrorBody(status, 'ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR'));
    case 'EMBED_USAGE_LIMIT_EXCEEDED':
      // The dash's limit view: no Retry (docs/fidelity.md, "Limits and error views"; status inferred).
      return body({ code: 'ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR', extra: { message: 'Embedded dashboard limit exceeded', hideRetry: true } });
    case 'CONTROL_NOT_FOUND':
      // The first letter is a Cyrillic 'С' (U+0421) in DataLens's source, kept on purpose.
      return body({ error: '\u0421onfig was not found' });
    default:
      break;
  }
  if (err.viewer) return { status, body: dataFetchingBody(err) };
  if (err.def.stage === 'us') {
    if (controller === 'embeddedEntry') {
      return body({
        error: { code: 'ERR.ENTRY.CONFIG_LOADING_ERROR', details: { code: status }, extra: { hideRetry: false } },
      });
    }
    // The run controller reuses the US status as the code (docs/fidelity.md, "Error bodies").
    return body(genericErrorBody(status, status));
  }
  return body({ code: err.reason, message: err.message, hint: err.hint, ...(err.field ? { field: err.field } : {}) });
}

/**
 * A chart's data source failed (a partner's ClickHouse): the viewer gets DataLens's data-source
 * code and text inside a data-fetching error, and the emulator's explanation without the
 * cluster's address or the server's words, which stay in the request journal (docs/fidelity.md,
 * "Data-source errors in an embed").
 */
function dataFetchingBody(err: MockError): Record<string, unknown> {
  const { code, message } = err.viewer!;
  return {
    code,
    message,
    error: { code: 'ERR.CHARTS.DATA_FETCHING_ERROR', details: { sources: { connection: { code, message } } }, extra: { hideRetry: false } },
    mock: {
      reason: err.reason,
      message: `${err.def.message} The request journal (GET /_mock/journal) keeps the server's answer.`,
      hint: err.hint,
    },
  };
}

/**
 * The run controller's generic error handler: the error's status when it has one (then also the
 * code), else 500 with the handler's default code (`ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR` after the
 * config is loaded).
 */
export function genericErrorBody(status: number, code: number | string): Record<string, unknown> {
  return { code, error: { code, details: { code: status }, extra: { hideRetry: false } } };
}

/** Control-plane body: `{code, message, hint, field?}`. */
export function rpcErrorResponse(err: MockError): ErrorResponse {
  const body: Record<string, unknown> = { code: err.def.usCode ?? err.reason, message: err.message, hint: err.hint };
  if (err.field) body.field = err.field;
  body.reason = err.reason;
  return { status: err.status, body };
}
