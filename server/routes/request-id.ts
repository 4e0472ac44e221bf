import { randomFillSync } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The header every answer carries (docs/embed-pages.md, "Request id"). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client-sent id is echoed when it is short and printable; anything else gets a fresh id. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Random bytes for new ids, drawn 16 at a time: one system call per 256 ids. */
const pool = Buffer.alloc(16 * 256);
let drawn = pool.length;

/** A new id: 128 random bits as 32 hex digits. */
export function newRequestId(): string {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += 16;
  return pool.toString('hex', drawn - 16, drawn);
}

/** The id of a request: the client's `x-request-id` when it is sane (one value), else a new one. */
export function requestIdOf(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && SANE_ID.test(sent) ? sent : newRequestId();
}

/**
 * Gives every request one id and answers it in `x-request-id`, as DataLens's error views show a
 * Request-id since 2025-12. The id is written back to the request, so a namespace's emulator (which
 * runs this again) and the journal see the same id.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
