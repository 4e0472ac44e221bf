// Every write outside the gateway API is guarded, whatever its method or route; admin calls answer
// loopback clients only unless allowRemoteAdmin.
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, makeApp, tokenFor } from '../testing/fixtures.js';
import { bindWarning } from './remote.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

const CROSS = { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://attacker.test' };
const namespaces = async () => (await request(mock.app).get('/_mock/namespaces')).body.namespaces.map((n: { name: string }) => n.name).sort();
const keyCount = async () => (await request(mock.app).get('/_mock/partner/datalens-keys')).body.keys.length;
const faultCount = async () => (await request(mock.app).get('/_mock/faults')).body.faults.length;

describe('every write outside the gateway API is guarded', () => {
  it.each([
    ['PUT', '/_mock/namespaces/made-cross'],
    ['put', '/_MOCK/Namespaces/made-cross/'],
    ['DELETE', '/_MOCK/faults'],
    ['DELETE', '/_mock/namespaces'],
    ['DELETE', '/_Mock/Journal'],
    ['POST', '/_MOCK/partner/datalens-keys'],
    ['POST', '/_mock/PARTNER/datalens-keys/'],
    ['POST', '/_MOCK/doctor/clickhouse'],
    ['POST', '/_MOCK/tokens'],
    ['POST', '/RPC/createWorkbook'],
    ['POST', '/_NS/made-cross/_mock/reset'],
    ['POST', '/_ns/made-cross/rpc/createWorkbook'],
    ['PATCH', '/_mock/settings'],
    ['POST', '/embeds/chart'],
    ['POST', '/a/route/that/does/not/exist/yet'],
    ['POST', '/'],
  ])('%s %s from another site: 403 CROSS_SITE_REQUEST, nothing changed', async (method, path) => {
    await request(mock.app).post('/_mock/faults').send({ status: 500, route: 'rpc', rpcMethod: 'neverCalled' }).expect(201);
    const before = { ns: await namespaces(), keys: await keyCount(), faults: await faultCount() };
    const r = await request(mock.app)[method.toLowerCase() as 'post'](path).set(CROSS).set('Content-Type', 'text/plain').send('{}');
    expect([r.status, r.body.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
    expect(r.body.message).toContain('the emulator state was not changed');
    expect({ ns: await namespaces(), keys: await keyCount(), faults: await faultCount() }).toEqual(before);
    await request(mock.app).delete('/_mock/faults').expect(200);
  });

  it.each(['PROPFIND', 'MKCOL', 'LOCK', 'PURGE'])('an unusual method (%s) is a write too', async (method) => {
    const r = await request(mock.app)[method.toLowerCase() as 'post']('/_mock/reset').set(CROSS);
    expect([r.status, r.body.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
  });

  it.each([
    ['a Sec-Fetch-Site other than same-origin or none', { 'Sec-Fetch-Site': 'garbage' }],
    ['Sec-Fetch-Site: same-site (another port or subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['no Sec-Fetch-Site, Origin of another host', { Origin: 'http://attacker.test' }],
    ['no Sec-Fetch-Site, Origin: null', { Origin: 'null' }],
  ])('%s is refused', async (_name, headers) => {
    const r = await request(mock.app).post('/_mock/clock').set(headers).send({ now: 5 });
    expect([r.status, r.body.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
  });

  it('a non-JSON body is 415 on any guarded path, in any spelling; the doctor form and host pages keep their types', async () => {
    for (const path of ['/_MOCK/settings', '/Rpc/createWorkbook', '/_ns/w2/_mock/clock/', '/nowhere']) {
      const r = await request(mock.app).post(path).set('Content-Type', 'text/plain').send('x');
      expect([path, r.status, r.body.code]).toEqual([path, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
    await request(mock.app).post('/_MOCK/Doctor/').type('form').send({ input: 'x' }).expect(200);
    await request(mock.app).put('/_mock/HOST-PAGES/p2').set('Content-Type', 'text/html').send('<p>x</p>').expect(201);
  });

  it('the gateway API stays open to any site, in the root and in a live namespace', async () => {
    const token = await tokenFor(IDS.chartEmbed);
    await request(mock.app).put('/_mock/namespaces/open-ns').expect(201);
    for (const path of ['/api/run', '/API/Run/', '/_ns/open-ns/api/run']) {
      const r = await request(mock.app).post(path).set(CROSS).set('x-dl-embed-token', token).set('Content-Type', 'text/plain').send('{}');
      expect([path, r.status]).toEqual([path, 200]);
    }
  });
});

describe('namespaces are made only by this machine’s own writes', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('%s to an unknown namespace: 404 NAMESPACE_NOT_FOUND, none made', async (method) => {
    const before = await namespaces();
    const r = await request(mock.app)[method.toLowerCase() as 'get']('/_ns/never-read/_mock/health');
    expect(r.status).toBe(404);
    if (method === 'GET') {
      expect(r.body.code).toBe('NAMESPACE_NOT_FOUND');
      expect(r.body.message).toContain('No namespace never-read');
      expect(r.body.hint).toContain('PUT /_mock/namespaces/<name>');
    }
    expect(await namespaces()).toEqual(before);
  });

  it('a cross-site POST of the open gateway API does not make one either', async () => {
    const r = await request(mock.app).post('/_ns/never-cross/api/run').set(CROSS).send({});
    expect([r.status, r.body.code]).toEqual([404, 'NAMESPACE_NOT_FOUND']);
    expect(await namespaces()).not.toContain('never-cross');
  });

  it('a Node client makes one with PUT /_mock/namespaces/<name> or any write under /_ns/<name>/', async () => {
    await request(mock.app).put('/_mock/namespaces/by-put').expect(201);
    await request(mock.app).post('/_ns/by-post/api/run').send({}).expect(400);
    await request(mock.app).post('/_ns/by-rpc/rpc/createWorkbook').send({ title: 't' }).expect(200);
    expect(await namespaces()).toEqual(expect.arrayContaining(['by-put', 'by-post', 'by-rpc']));
    await request(mock.app).get('/_ns/by-post/_mock/health').expect(200);
  });

  it('past the limit a new one is refused with 409 NAMESPACES_FULL, and every live one keeps its state', async () => {
    const app = await makeApp();
    try {
      const registry = app.ctx.namespaces!;
      for (let i = 0; registry.list().length < registry.max; i++) await request(app.app).put(`/_mock/namespaces/fill-${i}`).expect(201);
      await request(app.app).post('/_ns/fill-0/_mock/clock').send({ now: 1234 }).expect(200);
      const r = await request(app.app).post('/_ns/one-too-many/_mock/reset').send({});
      expect([r.status, r.body.code]).toEqual([409, 'NAMESPACES_FULL']);
      expect(r.body.message).toContain(`${registry.max} namespaces are live`);
      expect(r.body.hint).toContain('DELETE /_mock/namespaces/<name>');
      expect((await request(app.app).put('/_mock/namespaces/one-too-many')).status).toBe(409);
      expect((await request(app.app).get('/_ns/fill-0/_mock/clock')).body).toEqual({ now: 1234, pinned: true });
      expect(registry.list()).toHaveLength(registry.max);
      await request(app.app).delete('/_mock/namespaces/fill-1').expect(200);
      await request(app.app).put('/_mock/namespaces/one-too-many').expect(201);
    } finally {
      await app.close();
    }
  }, 60_000);
});

/** The app as a client on another machine reaches it: the peer address is what the guard reads. */
function fromAddress(app: express.Express, address: string): express.Express {
  const outer = express();
  outer.use((req, _res, next) => {
    Object.defineProperty(req.socket, 'remoteAddress', { value: address, configurable: true });
    next();
  });
  outer.use(app);
  return outer;
}

describe('admin calls answer loopback clients only', () => {
  it.each([
    ['POST', '/_mock/tokens'],
    ['POST', '/_MOCK/reset'],
    ['POST', '/rpc/createWorkbook'],
    ['POST', '/_mock/doctor/clickhouse'],
    ['POST', '/_mock/partner/datalens-keys'],
    ['PUT', '/_mock/namespaces/remote'],
    ['DELETE', '/_mock/namespaces'],
    ['GET', '/_mock/demo'],
    ['GET', '/_MOCK/Demo/'],
    ['HEAD', '/_ns/x/_mock/demo'],
    ['GET', '/_mock/partner/connectors/any/audit'],
  ])('%s %s from 192.0.2.7: 403 REMOTE_ADMIN_REFUSED, naming the flag', async (method, path) => {
    const before = { ns: await namespaces(), keys: await keyCount() };
    const r = await request(fromAddress(mock.app, '192.0.2.7'))[method.toLowerCase() as 'post'](path).send(method === 'GET' || method === 'HEAD' ? undefined : { embedId: 'x' });
    expect(r.status).toBe(403);
    if (method !== 'HEAD') {
      expect(r.body.code).toBe('REMOTE_ADMIN_REFUSED');
      expect(r.body.message).toContain('192.0.2.7');
      expect(r.body.hint).toContain('--allow-remote-admin');
    }
    expect({ ns: await namespaces(), keys: await keyCount() }).toEqual(before);
  });

  it('another machine still opens the embed pages, reads the controls and calls the gateway API; it makes no namespace', async () => {
    const remote = fromAddress(mock.app, '2001:db8::7');
    await request(remote).get('/embeds/chart').expect(200);
    await request(remote).get('/_mock/health').expect(200);
    const token = await tokenFor(IDS.chartEmbed);
    await request(remote).post('/api/run').set('x-dl-embed-token', token).send({}).expect(200);
    expect((await request(remote).post('/_ns/remote-made/api/run').send({})).body.code).toBe('NAMESPACE_NOT_FOUND');
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])('%s is this machine', async (address) => {
    await request(fromAddress(mock.app, address)).post('/_mock/clock').send({ now: null }).expect(200);
  });

  it.each(['::ffff:192.0.2.7', '10.0.0.1', '::', '0.0.0.0', 'fe80::1'])('%s is another machine', async (address) => {
    expect((await request(fromAddress(mock.app, address)).post('/_mock/clock').send({ now: null })).body.code).toBe('REMOTE_ADMIN_REFUSED');
  });

  it('allowRemoteAdmin (serve --allow-remote-admin) answers them from any machine; the cross-site check still holds', async () => {
    const open = await makeApp(undefined, { allowRemoteAdmin: true });
    try {
      const remote = fromAddress(open.app, '192.0.2.7');
      await request(remote).post('/_mock/tokens').send({ embedId: 'ce' }).expect(200);
      await request(remote).get('/_mock/demo').expect(200);
      await request(remote).put('/_mock/namespaces/remote').expect(201);
      expect((await request(remote).post('/_mock/reset').set(CROSS)).body.code).toBe('CROSS_SITE_REQUEST');
    } finally {
      await open.close();
    }
  });
});

describe('serve warns when it listens beyond loopback', () => {
  it.each(['127.0.0.1', '127.0.0.2', 'localhost', 'LOCALHOST', '::1', '[::1]'])('--host %s: no warning', (host) => {
    expect(bindWarning(host, false)).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '[::]', '192.168.1.20', 'my-laptop.local', '127.0.0.1.evil'])('--host %s: a warning naming what stays local', (host) => {
    expect(bindWarning(host, false)).toMatch(new RegExp(`^warning: listening on ${host.replace(/[.[\]]/g, '\\$&')}, not on loopback only`));
    expect(bindWarning(host, false)).toContain('--allow-remote-admin lifts that');
    expect(bindWarning(host, true)).toContain('trusted network only');
  });
});
