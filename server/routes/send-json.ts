import type { Response } from 'express';
import { noteAnswer } from '../journal/middleware.js';

/**
 * A JSON answer of the hot path, with the headers `res.json` gives it (Content-Type
 * `application/json; charset=utf-8`, Content-Length) and no more: `res.json` also reads three app
 * settings, maps the media type, parses it again to add the charset and checks freshness, none of
 * which changes a POST answer of an app without JSON settings or ETags (app.ts). The request
 * journal sees the body as it sees every `res.json`.
 */
export function sendJson(res: Response, body: unknown): void {
  noteAnswer(res, body);
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text, 'utf8');
}
