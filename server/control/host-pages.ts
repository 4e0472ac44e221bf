import express, { type Request, type RequestHandler, type Response } from 'express';
import { MockError } from '../errors/catalogue.js';

/** Host pages kept per emulator (or namespace); the oldest go past this many. */
const MAX_PAGES = 50;
const PAGE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The host pages of one emulator (or namespace), oldest first. Part of its state: a reset empties it. */
export class HostPages {
  private readonly pages = new Map<string, string>();

  put(name: string, html: string): void {
    this.pages.delete(name);
    this.pages.set(name, html);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
  }

  get(name: string): string | undefined {
    return this.pages.get(name);
  }

  clear(): void {
    this.pages.clear();
  }
}

function checkName(name: string): void {
  if (!PAGE_NAME.test(name)) {
    throw new MockError('ROUTE_NOT_FOUND', { message: `${JSON.stringify(name.slice(0, 80))} is not a host page name.`, hint: 'Use 1-64 letters, digits, "_" or "-".' });
  }
}

/** Reads `text/html` bodies of `PUT /_mock/host-pages/:name` (JSON bodies are read for every control). */
export const hostPageBody: RequestHandler = express.text({ type: 'text/html', limit: '5mb' });

/** What the host-page handlers read. */
export interface HostPageState {
  hostPages: HostPages;
}

/**
 * Test host pages: `PUT /_mock/host-pages/:name` (body: the HTML, `text/html`, or `{html}`) stores a
 * page that `GET /_mock/host-pages/:name` serves. A test opens it on the emulator's port under the
 * other loopback name (localhost ↔ 127.0.0.1): another origin than the embed, as in production,
 * served by a real loopback server, so Chromium lets it frame the embed (a page that Playwright
 * fulfils itself counts as public, and about:blank cannot pass `frame-ancestors`).
 */
export function putHostPage(ctx: HostPageState, req: Request, res: Response): void {
  const name = String(req.params.name);
  checkName(name);
  const body: unknown = req.body;
  const html = typeof body === 'string' ? body : (body as { html?: unknown } | undefined)?.html;
  if (typeof html !== 'string' || html === '') {
    throw new MockError('INVALID_BODY', { field: 'html', message: 'PUT /_mock/host-pages/:name needs the page: a text/html body, or JSON {html}.' });
  }
  ctx.hostPages.put(name, html);
  res.status(201).json({ name, path: `${req.baseUrl}/host-pages/${name}` });
}

export function getHostPage(ctx: HostPageState, req: Request, res: Response): void {
  const name = String(req.params.name);
  checkName(name);
  const html = ctx.hostPages.get(name);
  if (html === undefined) throw new MockError('ROUTE_NOT_FOUND', { message: `No host page ${name}.`, hint: 'PUT it first (dl.hostPage does).' });
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(html);
}
