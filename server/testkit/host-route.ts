import express, { Router } from 'express';
import type { AppContext } from '../context.js';
import { MockError } from '../errors/catalogue.js';

/** Host pages kept per emulator (or namespace); the oldest go past this many. */
const MAX_PAGES = 50;
const PAGE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const pagesByCtx = new WeakMap<AppContext, Map<string, string>>();

function pagesOf(ctx: AppContext): Map<string, string> {
  let pages = pagesByCtx.get(ctx);
  if (!pages) pagesByCtx.set(ctx, (pages = new Map()));
  return pages;
}

function checkName(name: string): void {
  if (!PAGE_NAME.test(name)) {
    throw new MockError('ROUTE_NOT_FOUND', { message: `${JSON.stringify(name.slice(0, 80))} is not a host page name.`, hint: 'Use 1-64 letters, digits, "_" or "-".' });
  }
}

/**
 * Test host pages: `PUT /_mock/host-pages/:name` (body: the HTML, `text/html`, or `{html}`) stores a
 * page that `GET /_mock/host-pages/:name` serves. A test opens it on the emulator's port under the
 * other loopback name (localhost ↔ 127.0.0.1): another origin than the embed, as in production,
 * served by a real loopback server, so Chromium lets it frame the embed (a page that Playwright
 * fulfils itself counts as public, and about:blank cannot pass `frame-ancestors`).
 */
export function hostPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.put('/host-pages/:name', express.text({ type: 'text/html', limit: '5mb' }), (req, res) => {
    const name = String(req.params.name);
    checkName(name);
    const body: unknown = req.body;
    const html = typeof body === 'string' ? body : (body as { html?: unknown } | undefined)?.html;
    if (typeof html !== 'string' || html === '') {
      throw new MockError('INVALID_BODY', { field: 'html', message: 'PUT /_mock/host-pages/:name needs the page: a text/html body, or JSON {html}.' });
    }
    const pages = pagesOf(ctx);
    pages.delete(name);
    pages.set(name, html);
    while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
    res.status(201).json({ name, path: `${req.baseUrl}/host-pages/${name}` });
  });
  router.get('/host-pages/:name', (req, res) => {
    const name = String(req.params.name);
    checkName(name);
    const html = pagesOf(ctx).get(name);
    if (html === undefined) throw new MockError('ROUTE_NOT_FOUND', { message: `No host page ${name}.`, hint: 'PUT it first (dl.hostPage does).' });
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  });
  return router;
}
