import { networkInterfaces } from 'node:os';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, makeApp, tokenFor } from '../testing/fixtures.js';
import { hostMatcher, hostOf } from './hosts.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp(undefined, { allowedHosts: ['my-app.test', '.corp.test'] });
});
afterAll(() => mock.close());

const embedCount = async () => (await request(mock.app).post('/rpc/listEmbeds').send({ entryId: IDS.chart })).body.embeds.length;
const keyCount = async () => (await request(mock.app).get('/_mock/partner/datalens-keys')).body.keys.length;

describe('the Host check (DNS rebinding)', () => {
  it.each([
    ['GET', '/embeds/chart'],
    ['POST', '/api/run'],
    ['GET', '/api/embedded-entry'],
    ['GET', '/_mock/health'],
    ['POST', '/_mock/reset'],
    ['POST', '/rpc/listEntries'],
    ['GET', '/_mock/doctor'],
    ['GET', '/_ns/w1/_mock/health'],
    ['POST', '/_ns/w1/_mock/reset'],
    ['GET', '/'],
  ])('Host: attacker.example is refused on %s %s, naming the flag', async (method, path) => {
    const before = await embedCount();
    const r = await request(mock.app)[method === 'GET' ? 'get' : 'post'](path).set('Host', 'attacker.example');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'HOST_NOT_ALLOWED', field: 'host' });
    expect(r.body.message).toContain('"attacker.example"');
    expect(r.body.hint).toContain('--allowed-hosts');
    expect(await embedCount()).toBe(before);
  });

  it.each(['localhost:8080', '127.0.0.1', '[::1]:9000', 'app.localhost:5000', 'datalens.yandex.cloud', 'my-app.test', 'MY-APP.TEST.', 'corp.test', 'a.b.corp.test:443'])(
    'Host: %s is answered',
    async (host) => {
      expect((await request(mock.app).get('/_mock/health').set('Host', host)).status).toBe(200);
    },
  );

  it.each(['attacker.example', 'localhost.attacker.example', '127.0.0.1.nip.io', 'my-app.test.evil', 'xcorp.test', ''])('Host: %j is refused', async (host) => {
    expect((await request(mock.app).get('/_mock/health').set('Host', host)).status).toBe(403);
  });

  it.each([
    ['[::1]:80', '::1'],
    ['[::1]', '::1'],
    ['[0:0:0:0:0:0:0:1]:8080', '0:0:0:0:0:0:0:1'],
    ['LocalHost.:1', 'localhost'],
    ['a.test', 'a.test'],
    ['127.0.0.1:65535', '127.0.0.1'],
    ['app_1.localhost:5173', 'app_1.localhost'],
    ['127.0.0.1.evil', '127.0.0.1.evil'],
    ['', undefined],
    ['::1', undefined],
    ['[::1]anything', undefined],
    ['[::1].evil.test', undefined],
    ['[::1]:80x', undefined],
    ['[::1', undefined],
    ['[127.0.0.1]', undefined],
    ['[fe80::1%25eth0]', undefined],
    ['user@127.0.0.1', undefined],
    ['localhost@evil.test', undefined],
    ['127.0.0.1:0', undefined],
    ['127.0.0.1:65536', undefined],
    ['127.0.0.1:99999', undefined],
    ['127.0.0.1:', undefined],
    ['127.0.0.1:80:80', undefined],
    ['127.0.0.1:+80', undefined],
    ['localhost/x', undefined],
    ['local host', undefined],
    ['localhost..', undefined],
    ['.localhost', undefined],
    ['a..b', undefined],
    ['x'.repeat(301), undefined],
  ])('hostOf(%j) is %j: exactly host[:port], nothing around it', (authority, host) => {
    expect(hostOf(authority)).toBe(host);
  });

  it.each(['[::1]anything', '[::1]x:80', 'user@127.0.0.1', '127.0.0.1:99999', '127.0.0.1.evil', 'localhost.evil.test', '::1'])(
    'Host: %s is not loopback: refused',
    async (host) => {
      const r = await request(mock.app).get('/_mock/health').set('Host', host);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('HOST_NOT_ALLOWED');
    },
  );

  it('a bound host is answered; bound to every interface, the machine addresses are too, and nothing else', () => {
    expect(hostMatcher({ host: '10.1.2.3' }).allows('10.1.2.3')).toBe(true);
    expect(hostMatcher({ host: '::1' }).allows('::1')).toBe(true);
    const any = hostMatcher({ host: '0.0.0.0' });
    const own = Object.values(networkInterfaces()).flat().map((a) => a!.address.toLowerCase());
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) expect(any.allows(a)).toBe(true);
    expect(any.allows('0.0.0.0')).toBe(true);
    expect(any.allows('attacker.example')).toBe(false);
    expect(hostMatcher({ host: '::' }).allows('attacker.example')).toBe(false);
    expect(hostMatcher({}).allows('10.1.2.3')).toBe(false);
  });
});

describe('cross-site writes on /_mock and /rpc', () => {
  it('a cross-site text/plain POST /_mock/reset is refused and wipes nothing', async () => {
    const { workbookId } = (await request(mock.app).post('/rpc/createWorkbook').send({ title: 'kept' }).expect(200)).body;
    // A reset would delete this workbook (it is not in the seed): listing it would then be 404.
    const workbooks = async () => (await request(mock.app).post('/rpc/listEntries').send({ workbookId }).expect(200)).body;
    const before = await workbooks();
    const titles = async () => JSON.stringify((await request(mock.app).post('/rpc/listEmbeds').send({ entryId: IDS.chart })).body);
    const embedsBefore = await titles();
    const r = await request(mock.app)
      .post('/_mock/reset')
      .set('Origin', 'https://attacker.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Content-Type', 'text/plain')
      .send('{}');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'CROSS_SITE_REQUEST', field: 'sec-fetch-site' });
    expect(await workbooks()).toEqual(before);
    expect(await titles()).toBe(embedsBefore);
  });

  it('a cross-site POST /_mock/partner/datalens-keys adds no key version', async () => {
    const before = await keyCount();
    for (const headers of [
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example', 'Content-Type': 'text/plain' },
      { Origin: 'https://attacker.example', 'Content-Type': 'text/plain' },
      { Origin: 'null', 'Content-Type': 'application/json' },
      { 'Sec-Fetch-Site': 'same-site', 'Content-Type': 'application/json' },
      { 'Content-Type': 'text/plain' },
    ]) {
      const r = await request(mock.app).post('/_mock/partner/datalens-keys').set(headers).send('{}');
      expect([403, 415]).toContain(r.status);
    }
    expect(await keyCount()).toBe(before);
  });

  it.each([
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }, 'CROSS_SITE_REQUEST'],
    ['an Origin of another host', { Origin: 'http://attacker.example:8080' }, 'CROSS_SITE_REQUEST'],
    ['Origin: null (a sandboxed frame, a file)', { Origin: 'null' }, 'CROSS_SITE_REQUEST'],
    ['a garbage Origin', { Origin: '::::' }, 'CROSS_SITE_REQUEST'],
  ])('%s is refused on /rpc', async (_name, headers, code) => {
    const r = await request(mock.app).post('/rpc/createWorkbook').set(headers).send({ title: 'x' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(code);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('a %s body is 415 on /_mock and /rpc, naming the fix', async (type) => {
    for (const path of ['/_mock/settings', '/rpc/createWorkbook', '/_ns/w2/_mock/clock']) {
      const r = await request(mock.app).post(path).set('Content-Type', type).send('title=x');
      expect(r.status).toBe(415);
      expect(r.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
      expect(r.body.hint).toContain('application/json');
    }
  });

  it('Node clients (no Origin, no Sec-Fetch-Site) and same-origin pages still write', async () => {
    await request(mock.app).post('/_mock/settings').send({ strict: true }).expect(200);
    await request(mock.app).post('/_mock/settings').set('Content-Type', 'application/json; charset=utf-8').send('{"strict":true}').expect(200);
    await request(mock.app).post('/_mock/clock').set({ Origin: 'http://127.0.0.1:8080', 'Sec-Fetch-Site': 'same-origin' }).send({ now: null }).expect(200);
    await request(mock.app).post('/_mock/clock').set({ Origin: 'https://datalens.yandex.cloud' }).send({ now: null }).expect(200);
    // A user typing the URL (Sec-Fetch-Site: none) is not a cross-site page.
    await request(mock.app).post('/_mock/clock').set({ 'Sec-Fetch-Site': 'none' }).send({ now: null }).expect(200);
    // A body-less POST, as curl -X POST sends it.
    await request(mock.app).post('/_ns/w3/_mock/reset').expect(200);
  });

  it('the doctor page form posts to itself (Chromium sends Origin: null there: the page has Referrer-Policy no-referrer)', async () => {
    const r = await request(mock.app)
      .post('/_mock/doctor')
      .set({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })
      .type('form')
      .send({ input: 'garbage' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('DLM-');
  });

  it('a test host page is stored as text/html', async () => {
    await request(mock.app).put('/_mock/host-pages/p1').set('Content-Type', 'text/html').send('<p>hi</p>').expect(201);
  });

  it('the gateway API and the embed pages stay callable and frameable from any host page', async () => {
    const token = await tokenFor(IDS.chartEmbed);
    const cross = { Origin: 'https://customer.example', 'Sec-Fetch-Site': 'cross-site' };
    const run = await request(mock.app).post('/api/run').set(cross).set('x-dl-embed-token', token).send({});
    expect(run.status).toBe(200);
    const page = await request(mock.app).get('/embeds/chart').set({ 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Dest': 'iframe' });
    expect(page.status).toBe(200);
    // Reads of /_mock stay open too: nothing changes.
    expect((await request(mock.app).get('/_mock/health').set(cross)).status).toBe(200);
  });
});
