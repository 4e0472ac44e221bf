import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The JSON body reader of the hot path (`POST …/run`). Every chart run of an embed page sends the
 * same kind of body: `content-type: application/json` (maybe `; charset=utf-8`), a content-length
 * within the limit, no content-encoding. That body is read here without body-parser's layers
 * (type-is, content-type parsing, raw-body's decoder, on-finished); any other request goes to
 * `fallback` (express.json with the same limit), so that anything unusual (another charset, a
 * compressed or chunked body, a body over the limit, another media type) gets body-parser's own
 * answer. Where this reader answers, it answers as body-parser does (json.test.ts compares them):
 * - an empty body is `{}`; a leading byte order mark is dropped; bytes that are not UTF-8 become U+FFFD;
 * - a body whose first character is not `{` or `[` fails as JSON.parse would fail on it there;
 * - JSON.parse's error is the error, with type `entity.parse.failed` (routes/errors.ts: MALFORMED_JSON);
 * - a client that goes away mid-body is a 400 `request aborted`, as raw-body says.
 */
export function jsonBody(limit: number, fallback: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = plainJsonLength(req, limit);
    if (length === undefined) return fallback(req, res, next);
    readBody(req, length, next);
  };
}

/** The media types read here: what the embed page sends (lower-cased, exactly). */
const PLAIN_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
const DIGITS = /^\d+$/;

/**
 * The content-length of a request this reader handles, or undefined for anything body-parser must
 * see: another type or charset, a content-encoding, a chunked body, a length over `limit`, or a
 * request already read (body-parser then leaves the body unread, and so does the fallback).
 */
function plainJsonLength(req: Request, limit: number): number | undefined {
  const { headers } = req;
  const type = headers['content-type'];
  const cl = headers['content-length'];
  if (type === undefined || cl === undefined || headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  if (!PLAIN_TYPES.has(type.toLowerCase()) || !DIGITS.test(cl)) return undefined;
  const length = Number(cl);
  if (length > limit) return undefined;
  const socket = req.socket as { readable?: boolean } | null;
  if ((socket && !socket.readable) || (req.complete && !req.readable)) return undefined;
  return length;
}

/** An error as body-parser passes it on (http-errors' fields that routes/errors.ts reads). */
function bodyError(status: number, message: string, type: string | undefined, o: { cause?: Error; length?: number; received?: number } = {}): Error {
  const err = o.cause ?? new Error(message);
  const sizes = o.length === undefined ? {} : { expected: o.length, length: o.length, received: o.received };
  return Object.assign(err, { status, statusCode: status, expose: true, ...sizes, ...(type ? { type } : {}) });
}

function readBody(req: Request, length: number, next: NextFunction): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (err?: Error): void => {
    if (done) return;
    done = true;
    if (err) return next(err);
    if (received !== length) return next(bodyError(400, 'request size did not match content length', 'request.size.invalid', { length, received }));
    const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    try {
      req.body = parseStrictJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      return next(bodyError(400, (e as Error).message, 'entity.parse.failed', { cause: e as Error }));
    }
    next();
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    chunks.push(chunk);
  };
  // Detached once the body is read, as raw-body does: left attached, they kept each request's
  // objects alive long enough to be promoted to the old generation (measured: a third more).
  const detach = (): void => {
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('aborted', onAborted);
    req.removeListener('error', onError);
  };
  const onEnd = (): void => {
    detach();
    finish();
  };
  const onAborted = (): void => {
    detach();
    finish(bodyError(400, 'request aborted', 'request.aborted', { length, received }));
  };
  const onError = (e: Error): void => {
    detach();
    finish(bodyError(400, e.message, undefined, { cause: e }));
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}

const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/**
 * JSON.parse of an object or array body, as body-parser's strict JSON parser: an empty body is `{}`,
 * and a body that starts with anything else fails with the message JSON.parse gives at that character.
 */
export function parseStrictJson(text: string): unknown {
  if (text.length === 0) return {};
  const c = text.charCodeAt(0);
  if (c !== 0x7b && c !== 0x5b) {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictViolation(text, first);
  }
  return JSON.parse(text);
}

/** JSON.parse's own error for the first character, quoting the text as sent. */
function strictViolation(text: string, first: string | undefined): SyntaxError {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.substring(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return new SyntaxError('strict violation');
  } catch (e) {
    const err = e as SyntaxError;
    const message = err.message.replace(/#+/g, (placeholder) => text.substring(index, index + placeholder.length));
    if (err.stack) err.stack = err.stack.replace(err.message, message);
    err.message = message;
    return err;
  }
}
