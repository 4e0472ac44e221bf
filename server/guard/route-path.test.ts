// The guard decides on a path as the router routes it. These tests send each spelling, byte for byte,
// to the real app and compare what the router did with what server/guard/route-path.ts predicts; a
// spelling from another site is then refused whenever it reaches a handler, and changes nothing.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { makeApp } from '../testing/fixtures.js';
import { openGatewayPaths } from './open-paths.js';
import { innerRouteKey, routeKey, withoutNamespace } from './route-path.js';

let mock: MockApp;
let server: Server;
let port: number;

beforeAll(async () => {
  mock = await makeApp();
  server = mock.app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  port = (server.address() as AddressInfo).port;
  // The namespace the namespaced spellings reach: made by a write from this machine.
  await send('PUT', '/_mock/namespaces/x');
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await mock.close();
});

interface Answer {
  status: number;
  body: { code?: string; now?: number; [k: string]: unknown };
}

/** One HTTP/1.1 request with exactly this request target (no client normalises it). */
function send(method: string, target: string, body = '', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const head = { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close', ...headers };
    socket.write(`${method} ${target} HTTP/1.1\r\n${Object.entries(head).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (raw += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
      const text = raw.slice(raw.indexOf('\r\n\r\n') + 4);
      let parsed: Answer['body'] = {};
      try {
        parsed = JSON.parse(text.includes('\r\n') && /^[0-9a-f]+\r\n/.test(text) ? text.split('\r\n')[1] : text);
      } catch {
        // A non-JSON answer (Node's own 400): no body to read.
      }
      resolve({ status, body: parsed });
    });
  });
}

const CROSS_SITE = { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://attacker.test', 'Content-Type': 'text/plain' };

/** Spellings of a path: [request target, the pathname the router sees]. */
function spellings(path: string): [target: string, pathname: string][] {
  const segs = path.split('/').slice(1);
  const encodeFirst = (s: string, upperHex: boolean) => {
    const hex = s.charCodeAt(0).toString(16);
    return `%${upperHex ? hex.toUpperCase() : hex}${s.slice(1)}`;
  };
  const same = (t: string): [string, string] => [t, t];
  const out: [string, string][] = [
    same(path),
    same(path.toUpperCase()),
    same(segs.map((s, i) => (i % 2 ? s.toUpperCase() : s)).join('/').replace(/^/, '/')),
    same(`${path}/`),
    same(`${path}//`),
    same(`/${path}`),
    same(path.replace(/\/([^/]*)$/, '//$1')),
    same(path.replace(/\/([^/]*)$/, '/./$1')),
    same(path.replace(/\/([^/]*)$/, '/zz/../$1')),
    same(path.replace(/\/([^/]*)$/, '/%2e/$1')),
    same(path.replace(/\/([^/]*)$/, '\\$1')),
    same(path.replace(/\/([^/]*)$/, '%2F$1')),
    same(path.replace(/\/([^/]*)$/, '%2f$1')),
    same(`${path};x`),
    same(`${path}%00`),
    same(`${path}%20`),
    same(`${path}.`),
    same(`/${segs.map((s) => encodeFirst(s, true)).join('/')}`),
    same(`/${segs.map((s) => encodeFirst(s, false)).join('/')}`),
    same(path.replace(/s/, '%C5%BF')), // ſ, which uppercases to S
    same(path.replace(/k/, '%E2%84%AA')), // the Kelvin sign, which lowercases to k
    [`${path}?x=1`, path],
    [`${path}#frag`, path],
    [`http://127.0.0.1${path}`, path],
    [`http://attacker.test${path.toUpperCase()}`, path.toUpperCase()],
  ];
  return out;
}

/** Every spelling of the root's and a namespace's clock: [target, pathname, namespace or root]. */
function clockSpellings(): [string, string, string | undefined][] {
  const root = spellings('/_mock/clock').map(([t, p]) => [t, p, undefined] as [string, string, undefined]);
  const inNs = [
    ...spellings('/_ns/x/_mock/clock'),
    ['/_ns/%78/_mock/clock', '/_ns/%78/_mock/clock'],
    ['/_NS/x/_MOCK/CLOCK/', '/_NS/x/_MOCK/CLOCK/'],
    ['/_ns//x/_mock/clock', '/_ns//x/_mock/clock'],
    ['/_ns/x//_mock/clock', '/_ns/x//_mock/clock'],
    ['/_ns/x/./_mock/clock', '/_ns/x/./_mock/clock'],
  ].map(([t, p]) => [t, p, 'x'] as [string, string, string]);
  return [...root, ...inNs];
}

/** The pathname spelling `p` reaches the clock of (the root's or a namespace's), as route-path predicts. */
function predictedClock(p: string, ns: string | undefined): boolean {
  if (innerRouteKey(p) !== '/_mock/clock') return false;
  const inNamespace = withoutNamespace(p) !== p;
  if (!ns) return !inNamespace;
  return inNamespace && decodeURIComponent(/^\/_ns\/([^/]+)/i.exec(p)![1]) === ns;
}

/** The clock of the root or a namespace: pinned to which time, or `false` when it runs free. */
const clockOf = async (ns: string | undefined) => {
  const { body } = await send('GET', `${ns ? `/_ns/${ns}` : ''}/_mock/clock`);
  return body.pinned ? body.now : false;
};

describe('the router and the guard agree on every spelling', () => {
  it('routeKey folds ASCII case and one trailing slash, nothing else', () => {
    expect([routeKey('/_MOCK/Reset/'), routeKey('/'), routeKey('/a//'), routeKey('/%72eset'), routeKey('/ſ'), routeKey('/_MOC\u212A/X'), routeKey('/İ/A')]).toEqual(['/_mock/reset', '/', '/a/', '/%72eset', '/ſ', '/_moc\u212A/x', '/İ/a']);
    expect([withoutNamespace('/_NS/w1/api/run'), withoutNamespace('/_ns/w1'), withoutNamespace('/_ns//x'), withoutNamespace('/api/run')]).toEqual(['/api/run', '/', '/_ns//x', '/api/run']);
  });

  it.each(clockSpellings())('POST %s: routed exactly when route-path says so; from another site refused, state kept', async (target, pathname, ns) => {
    const expected = predictedClock(pathname, ns);
    const now = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const before = await clockOf(ns);
    expect(before).toBe(false);
    // From another site first: never changes anything, routed or not.
    const cross = await send('POST', target, JSON.stringify({ now }), CROSS_SITE);
    expect(cross.status).toBe(403);
    expect(cross.body.code).toBe('CROSS_SITE_REQUEST');
    expect(await clockOf(ns)).toBe(before);
    // From this machine's own code: the router takes it to the clock exactly when predicted.
    const own = await send('POST', target, JSON.stringify({ now }));
    expect(own.status === 200 && (await clockOf(ns)) === now).toBe(expected);
    if (expected) await send('POST', target, JSON.stringify({ now: null }));
  });

  it.each([
    ['/api/run', true],
    ['/API/RUN', true],
    ['/Api/Run/', true],
    ['/api/run//', false],
    ['//api/run', false],
    ['/api//run', false],
    ['/api/./run', false],
    ['/api/%72un', false],
    ['/api%2Frun', false],
    ['/api/run;x', false],
    ['/api/export', true],
    ['/api/EXPORT/', true],
    ['/_ns/x/api/run', true],
    ['/_NS/x/API/run/', true],
    ['/_ns/%78/api/run', true],
    ['/_ns//x/api/run', false],
    ['/_ns/x/_ns/x/api/run', false],
    ['/_mock/run', false],
    ['/rpc/run', false],
  ])('POST %s reaches the gateway: %s; open to another site exactly then', async (target, gateway) => {
    const isOpen = openGatewayPaths('/api');
    expect(isOpen(target)).toBe(gateway);
    // No token: the gateway answers its own 400; anything else is another handler or none.
    const own = await send('POST', target, '{}');
    expect(own.body.code === 'ERR.CHARTS.TOKEN_NOT_FOUND').toBe(gateway);
    const cross = await send('POST', target, '{}', CROSS_SITE);
    if (gateway) expect(cross.body.code).toBe('ERR.CHARTS.TOKEN_NOT_FOUND');
    else expect([cross.status, cross.body.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
  });

  it('the production gateway paths and a custom API prefix are open; their neighbours are not', () => {
    const isOpen = openGatewayPaths('/charts/API/');
    for (const p of ['/charts/api/run', '/CHARTS/api/export/', '/_ns/w1/charts/api/embedded-entry', '/charts/embeds/api/run', '/charts/embeds/api/run-activity', '/embeds/api/export', '/_ns/w1/Embeds/Api/Export']) {
      expect([p, isOpen(p)]).toEqual([p, true]);
    }
    for (const p of ['/api/run', '/charts/api/reset', '/charts/api/run/x', '/embeds/api/run', '/_mock/tokens', '/_ns/w1/_mock/reset', '/charts/embeds/api/run-activity/x']) {
      expect([p, isOpen(p)]).toEqual([p, false]);
    }
  });
});
