import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { makeApp } from '../testing/fixtures.js';
import { pagesRouter } from './pages.js';

let mock: MockApp;
let app: express.Express;

beforeAll(async () => {
  mock = await makeApp(undefined, { apiPrefix: '/charts/api' });
  app = express();
  app.use('/embeds', pagesRouter(mock.ctx));
});
afterAll(() => mock.close());

const dlConfig = (html: string) => JSON.parse(/window\.DL = (.*?);<\/script>/.exec(html)?.[1] ?? 'null');

describe('GET /embeds/chart and /embeds/dash', () => {
  it.each([
    ['/embeds/chart', 'chart', { mode: 'chart' }],
    ['/embeds/dash', 'dash', true],
  ])('%s serves the page shell without any token', async (path, page, embed) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('data-testid="dl-status">loading<');
    // As production pages, whatever --api-prefix is (it only adds a gateway prefix).
    expect(dlConfig(res.text)).toMatchObject({ page, embed, apiPrefix: '/embeds/api', endpoints: { charts: '/charts' }, appBase: '', allowedParentOrigins: ['*'] });
  });

  it('is frameable from any origin, about:blank included: no X-Frame-Options, no CSP frame-ancestors', async () => {
    const res = await request(app).get('/embeds/chart?region=East');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('passes the allowed parent origins from the runtime settings', async () => {
    mock.ctx.settings.allowedParentOrigins = ['https://host.example'];
    try {
      const res = await request(app).get('/embeds/dash');
      expect(dlConfig(res.text).allowedParentOrigins).toEqual(['https://host.example']);
    } finally {
      mock.ctx.settings.allowedParentOrigins = ['*'];
    }
  });

  it('serves the bundle the shell links to (built from the TypeScript sources here)', async () => {
    const html = (await request(app).get('/embeds/chart')).text;
    const js = /src="([^"]+embed\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const css = /href="([^"]+embed\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    const script = await request(app).get(js!);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.text).toContain('SECURE_EMBEDDING_TOKEN_UPDATE');
    const style = await request(app).get(css!);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.text).toContain('.dl-card');
  });

  it('keeps the API inside the path the app is mounted under (test-kit namespaces)', async () => {
    const outer = express();
    outer.use('/_ns/w0', app);
    const res = await request(outer).get('/_ns/w0/embeds/dash');
    expect(dlConfig(res.text).appBase).toBe('/_ns/w0');
    expect(res.text).toContain('src="/_ns/w0/embeds/static/embed.js?v=');
  });

  it.each([
    ['/', '', 'src="/embeds/static/embed.js?v='],
    ['/proxy/dl/', '/proxy/dl', 'src="/proxy/dl/embeds/static/embed.js?v='],
  ])('builds its links from X-Forwarded-Prefix %s (a namespace served under a production origin)', async (prefix, appBase, script) => {
    const outer = express();
    outer.use('/_ns/w0', app);
    const res = await request(outer).get('/_ns/w0/embeds/chart').set('x-forwarded-prefix', prefix);
    expect(dlConfig(res.text).appBase).toBe(appBase);
    expect(res.text).toContain(script);
  });

  it.each(['https://evil.example/', '/a/../b', '"><script>'])('ignores an X-Forwarded-Prefix that is not a plain path: %s', async (prefix) => {
    const res = await request(app).get('/embeds/chart').set('x-forwarded-prefix', prefix);
    expect(dlConfig(res.text).appBase).toBe('');
  });

  it.each(['', '#dl_embed_token=not-a-jwt', '?dl_embed_token=x.y.z', '?_theme=dark&region=East'])('is a 200 shell whatever the link carries (%s): a bad token shows in the frame', async (rest) => {
    const res = await request(app).get(`/embeds/dash${rest}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="dl-status">loading<');
  });

  it.each(['/embeds/dash/abcdefghij123', '/embeds/chart/abcdefghij123', '/embeds/dash/abc/def'])('answers %s (an object id in the path) with a 404 page that says what to open instead', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('data-testid="dl-status">error<');
    expect(res.text).toContain('data-testid="dl-error-code">EMBED_ID_IN_PATH<');
    expect(res.text).toContain('#dl_embed_token=&lt;JWT&gt;');
  });

  it('does not serve unknown static files', async () => {
    expect((await request(app).get('/embeds/static/secret.txt')).status).toBe(404);
  });
});
