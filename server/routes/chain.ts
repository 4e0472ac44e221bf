import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares run as one Express layer: each calls the next one directly, without a pass
 * through the router's layer stack. Every request pays for each layer (a match and a dispatch), so
 * the middlewares that run on every request are chained. An error, thrown or passed to `next`,
 * goes to Express as from any middleware; a middleware's promise that rejects does too.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  if (handlers.length === 1) return handlers[0];
  return (req: Request, res: Response, next: NextFunction) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined) return next(err);
      const handler = handlers[i++];
      if (!handler) return next();
      const result = handler(req, res, step) as unknown;
      if (result instanceof Promise) result.then(undefined, next);
    };
    step();
  };
}
