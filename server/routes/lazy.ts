import type { NextFunction, Request, Response, Router } from 'express';

/**
 * A router loaded on its first request: rarely used pages (the doctor) stay out of start-up.
 * The promise is made once; a failure to load reaches the error middleware.
 */
export function lazyRouter(load: () => Promise<Router>) {
  let router: Promise<Router> | undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    router ??= load();
    router.then((r) => r(req, res, next), next);
  };
}
