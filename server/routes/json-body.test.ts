import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, parseStrictJson } from './json-body.js';

const LIMIT = 64;

/** What a route sees: the parsed body, or the error's fields that routes/errors.ts reads. */
interface Seen {
  body?: unknown;
  error?: { status?: number; type?: string; message: string; limit?: number; length?: number };
}

/** `/ours` reads with jsonBody (body-parser as fallback), `/theirs` with body-parser alone. */
function makeApp() {
  const fallbacks: string[] = [];
  const seen: Record<string, Seen[]> = { ours: [], theirs: [] };
  const parser = express.json({ limit: LIMIT });
  const app = express();
  app.post(
    '/ours',
    jsonBody(LIMIT, (req, res, next) => {
      fallbacks.push(String(req.headers['x-case']));
      parser(req, res, next);
    }),
  );
  app.post('/theirs', parser);
  app.post(['/ours', '/theirs'], (req, res) => {
    seen[req.path.slice(1)].push({ body: req.body });
    res.json({ body: req.body ?? '(undefined)' });
  });
  app.use((err: Seen['error'] & Error, req: Request, res: Response, _next: NextFunction) => {
    const error = { status: err.status, type: err.type, message: err.message, limit: err.limit, length: err.length };
    seen[req.path.slice(1)].push({ error });
    res.status(err.status ?? 500).json({ error });
  });
  return { app, fallbacks, seen };
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

// One row per body an embed page (or a broken client) may send: [name, content-type, bytes, read by jsonBody itself].
const CASES: [string, string | undefined, Buffer, boolean][] = [
  ['the page body', 'application/json', utf8('{"params":{"region":"North"}}'), true],
  ['with charset=utf-8', 'application/json; charset=utf-8', utf8('{"params":{}}'), true],
  ['upper-case media type', 'Application/JSON; Charset=UTF-8', utf8('{"a":1}'), true],
  ['an empty body is {}', 'application/json', Buffer.alloc(0), true],
  ['an array', 'application/json', utf8('[1,2]'), true],
  ['leading whitespace', 'application/json', utf8(' \n\t{"a":1}'), true],
  ['a byte order mark', 'application/json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":"é"}')]), true],
  ['bytes that are not UTF-8', 'application/json', Buffer.concat([utf8('{"a":"'), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xff]), utf8('"}')]), true],
  ['not JSON', 'application/json', utf8('{"a":'), true],
  ['a string, not an object', 'application/json', utf8('"text"'), true],
  ['a number after spaces', 'application/json', utf8('   42'), true],
  ['only whitespace', 'application/json', utf8('   '), true],
  ['a bare word', 'application/json', utf8('nope'), true],
  ['a trailing comma', 'application/json', utf8('{"a":1,}'), true],
  ['at the limit', 'application/json', utf8(`{"a":"${'x'.repeat(LIMIT - 8)}"}`), true],
  ['over the limit', 'application/json', utf8(`{"a":"${'x'.repeat(LIMIT)}"}`), false],
  ['another charset', 'application/json; charset=latin1', utf8('{"a":1}'), false],
  ['utf-16', 'application/json; charset=utf-16le', Buffer.from('{"a":1}', 'utf16le'), false],
  ['quoted charset', 'application/json; charset="utf-8"', utf8('{"a":1}'), false],
  ['a +json type', 'application/vnd.api+json', utf8('{"a":1}'), false],
  ['text/plain', 'text/plain', utf8('{"a":1}'), false],
  ['no content-type', undefined, utf8('{"a":1}'), false],
];

/** Listens on loopback for the tests of a describe block. */
function listen(app: express.Express) {
  const server = createServer(app).listen(0, '127.0.0.1');
  const port = () => (server.address() as { port: number }).port;
  beforeAll(() => (server.listening ? undefined : new Promise((r) => server.once('listening', r))));
  afterAll(() => new Promise((r) => server.close(r)));
  return { server, port };
}

/** POSTs exactly these bytes (supertest would serialize a Buffer as JSON). */
function post(port: number, path: string, headers: Record<string, string>, bytes: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-length': String(bytes.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

describe('jsonBody answers every body as body-parser does', () => {
  const { app, fallbacks, seen } = makeApp();
  const { port } = listen(app);

  it.each(CASES)('%s', async (name, type, bytes, ownPath) => {
    const headers: Record<string, string> = { 'x-case': name, ...(type === undefined ? {} : { 'content-type': type }) };
    seen.ours.length = 0;
    seen.theirs.length = 0;
    const ours = await post(port(), '/ours', headers, bytes);
    const theirs = await post(port(), '/theirs', headers, bytes);
    expect(ours).toEqual(theirs);
    expect(seen.ours).toEqual(seen.theirs);
    expect(seen.ours).toHaveLength(1);
    expect(fallbacks.includes(name)).toBe(!ownPath);
  });

  it('a gzip-encoded body goes to body-parser', async () => {
    const r = await post(port(), '/ours', { 'x-case': 'gzip', 'content-type': 'application/json', 'content-encoding': 'gzip' }, Buffer.from('{}'));
    expect(r.status).toBe(400);
    expect(fallbacks).toContain('gzip');
  });

  it('a chunked body goes to body-parser, and is read', async () => {
    const res = await fetch(`http://127.0.0.1:${port()}/ours`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-case': 'chunked' },
      body: new Blob(['{"a":1}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(await res.json()).toEqual({ body: { a: 1 } });
    expect(fallbacks).toContain('chunked');
  });
});

describe('a client that goes away mid-body', () => {
  const { app, seen } = makeApp();
  const { port } = listen(app);

  /** Sends half of a 40-byte body, then closes the connection; resolves with what the route saw. */
  async function abandon(path: string): Promise<Seen> {
    const socket = connect(port(), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"params":{"region"`);
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    for (let i = 0; i < 100 && seen[path.slice(1)].length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    return seen[path.slice(1)][0];
  }

  it('is refused as body-parser refuses it (400 request aborted)', async () => {
    const ours = await abandon('/ours');
    const theirs = await abandon('/theirs');
    expect(theirs).toEqual({ error: expect.objectContaining({ status: 400, message: 'request aborted', type: 'request.aborted' }) });
    expect(ours).toEqual(theirs);
  });
});

describe('parseStrictJson', () => {
  it.each([
    ['{}', {}],
    ['', {}],
    [' [1]', [1]],
  ])('%j reads as %j', (text, value) => {
    expect(parseStrictJson(text)).toEqual(value);
  });

  it.each([
    ['true', /Unexpected token 't', "true" is not valid JSON/],
    ['  "x"', /Unexpected token '"'/],
    ['\n', /Unexpected end of JSON input/],
  ])('%j is refused with the message JSON.parse gives at its first character', (text, message) => {
    expect(() => parseStrictJson(text)).toThrow(message);
  });
});
