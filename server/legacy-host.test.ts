// Production hosts and the legacy host's redirect (docs/fidelity.md, "Hosts and the redirect").
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from './server.js';
import { httpOf, makeApp } from './testing/fixtures.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
  await request(httpOf(mock)).put('/_mock/namespaces/legacy').expect(201);
});
afterAll(() => mock.close());

const get = (host: string, path: string) => request(httpOf(mock)).get(path).set('host', host);

describe('the legacy host redirects /embeds/* to datalens.ru, as production since 2025-10-09', () => {
  it.each([
    ['/embeds/dash', 'https://datalens.ru/embeds/dash'],
    ['/embeds/chart?region=North&_theme=dark', 'https://datalens.ru/embeds/chart?region=North&_theme=dark'],
    ['/embeds/dash/abcdefghij123', 'https://datalens.ru/embeds/dash/abcdefghij123'],
    ['/_ns/legacy/embeds/dash?a=1', 'https://datalens.ru/_ns/legacy/embeds/dash?a=1'],
  ])('GET %s → 302 %s', async (path, location) => {
    const res = await get('datalens.yandex.cloud', path);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(location);
  });

  it.each([
    ['datalens.yandex.cloud:443', 302],
    ['DataLens.Yandex.Cloud.', 302],
    ['datalens.ru', 200],
    ['api.datalens.tech', 200],
    ['127.0.0.1', 200],
  ])('Host %s on /embeds/dash answers %s', async (host, status) => {
    expect((await get(host, '/embeds/dash')).status).toBe(status);
  });

  it('redirects pages only: an API call on the legacy host is answered there (a POST is never turned into a GET)', async () => {
    const res = await request(httpOf(mock)).post('/embeds/api/export').set('host', 'datalens.yandex.cloud').send({});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR.CHARTS.TOKEN_NOT_FOUND');
    expect((await get('datalens.yandex.cloud', '/_mock/health')).status).toBe(200);
  });

  it('serves the legacy host directly with the runtime setting legacyRedirect: false, and redirects again with true', async () => {
    const http = httpOf(mock);
    try {
      expect((await request(http).post('/_mock/settings').send({ legacyRedirect: false })).body.legacyRedirect).toBe(false);
      const res = await get('datalens.yandex.cloud', '/embeds/dash');
      expect(res.status).toBe(200);
      expect(res.text).toContain('data-testid="dl-status">loading<');
    } finally {
      await request(http).post('/_mock/settings').send({ legacyRedirect: true }).expect(200);
    }
    expect((await get('datalens.yandex.cloud', '/embeds/dash')).status).toBe(302);
  });
});

describe('legacyRedirect: false as a server option (serve --legacy-host-direct)', () => {
  let direct: MockApp;
  beforeAll(async () => {
    direct = await makeApp(undefined, { legacyRedirect: false });
  });
  afterAll(() => direct.close());

  it('serves the legacy host directly and says so in /_mock/settings', async () => {
    expect((await request(httpOf(direct)).get('/embeds/chart').set('host', 'datalens.yandex.cloud')).status).toBe(200);
    expect((await request(httpOf(direct)).get('/_mock/settings')).body.legacyRedirect).toBe(false);
  });
});

describe('the Public API host', () => {
  it('answers /rpc on api.datalens.tech', async () => {
    const res = await request(httpOf(mock)).post('/rpc/createWorkbook').set('host', 'api.datalens.tech').send({ title: 'From a provisioning script' });
    expect(res.status).toBe(200);
    expect(res.body.workbookId).toMatch(/^[0-9a-z]{13}$/);
  });
});
