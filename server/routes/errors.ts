import type { NextFunction, Request, Response } from 'express';
import { gatewayErrorResponse, rpcErrorResponse } from '../errors/bodies.js';
import { MockError, isMockError } from '../errors/catalogue.js';

const megabytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** 413 naming the route's limit and the size that was sent. */
function tooLarge(e: { limit?: number; length?: number }): MockError {
  if (typeof e.limit !== 'number') return new MockError('PAYLOAD_TOO_LARGE');
  const sent = typeof e.length === 'number' && Number.isFinite(e.length) ? ` (${megabytes(e.length)} sent)` : '';
  return new MockError('PAYLOAD_TOO_LARGE', {
    message: `The request body is larger than this route accepts: at most ${megabytes(e.limit)}${sent}.`,
    hint: `Send at most ${megabytes(e.limit)} in one request.`,
  });
}

/** Turns body-parser failures into catalogued errors: a malformed request never gets a 5xx. */
function fromExpressError(err: unknown): MockError | undefined {
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new MockError('MALFORMED_JSON', { message: `The request body is not valid JSON: ${e.message}.` });
  if (e?.type === 'entity.too.large') return tooLarge(e as { limit?: number; length?: number });
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new MockError('INVALID_BODY', { status: e.status, message: e.message ?? 'The request is not valid.' });
  }
  return undefined;
}

/** The one error middleware: routes throw catalogued errors; this turns them into responses. */
export function errorMiddleware(log: (msg: string) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const mockErr = isMockError(err) ? err : fromExpressError(err);
    if (!mockErr) {
      log(`datalens-mock: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
      const internal = new MockError('INTERNAL', { message: `The emulator failed unexpectedly: ${(err as Error)?.message ?? err}.` });
      res.status(500).json(rpcErrorResponse(internal).body);
      return;
    }
    res.locals.rejection = mockErr;
    const controller = res.locals.controller;
    const { status, body } = controller ? gatewayErrorResponse(mockErr, controller) : rpcErrorResponse(mockErr);
    res.status(status).json(body);
  };
}

export function notFound(req: Request): never {
  throw new MockError('ROUTE_NOT_FOUND', { message: `No route for ${req.method} ${req.path}.` });
}
