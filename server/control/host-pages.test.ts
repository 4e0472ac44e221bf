import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { basicSeed } from '../testing/fixtures.js';
import { hostOriginFor } from '../testkit/client.js';
import { startEmulator } from '../testkit/emulator.js';

const emu = await startEmulator({ seedData: basicSeed() });
afterAll(() => emu.close());

describe('test host pages', () => {
  it('stores HTML (text/html or {html}) and serves it back', async () => {
    const put = await request(emu.app).put('/_mock/host-pages/one').set('content-type', 'text/html').send('<p>host</p>').expect(201);
    expect(put.body).toEqual({ name: 'one', path: '/_mock/host-pages/one' });
    const got = await request(emu.app).get('/_mock/host-pages/one').expect(200).expect('content-type', /html/);
    expect(got.text).toBe('<p>host</p>');
    await request(emu.app).put('/_mock/host-pages/two').send({ html: '<p>json</p>' }).expect(201);
    expect((await request(emu.app).get('/_mock/host-pages/two')).text).toBe('<p>json</p>');
  });

  it('refuses an empty page, a bad name, and answers 404 for an unknown one', async () => {
    await request(emu.app).put('/_mock/host-pages/x').send({}).expect(400);
    await request(emu.app).put('/_mock/host-pages/a.b').send({ html: 'x' }).expect(404);
    await request(emu.app).get('/_mock/host-pages/never').expect(404);
  });

  it('dl.hostPageUrl opens on the other loopback name, inside the namespace', async () => {
    const ns = emu.dl.namespace('hosts');
    const url = await ns.hostPageUrl('<p>ns</p>', 'page');
    expect(url).toBe(`http://localhost:${emu.port}/_ns/hosts/_mock/host-pages/page`);
    expect(await (await fetch(url)).text()).toBe('<p>ns</p>');
  });

  it.each([
    ['http://127.0.0.1:8080', 'http://localhost:8080'],
    ['http://localhost:8080/_ns/a', 'http://127.0.0.1:8080'],
    ['https://emulator.internal:9000', 'https://emulator.internal:9000'],
  ])('hostOriginFor(%s) is %s', (input, origin) => {
    expect(hostOriginFor(input)).toBe(origin);
  });
});
