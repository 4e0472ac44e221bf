import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { MockApp } from './server.js';
import { httpOf, makeApp } from './testing/fixtures.js';

const mock: MockApp = await makeApp();
afterAll(() => mock.close());

// The namespace router sits inside the chain of per-request middlewares, entered only by a path that
// may match `/_ns/:namespace`; it must match exactly what a mounted layer matched (any case).
describe('which paths reach the namespace dispatcher', () => {
  it.each([
    ['/_ns/nosuchns/_mock/health', 'NAMESPACE_NOT_FOUND'],
    ['/_NS/nosuchns/_mock/health', 'NAMESPACE_NOT_FOUND'],
    ['/_Ns/nosuchns', 'NAMESPACE_NOT_FOUND'],
    ['/_ns/bad name!/x', 'ROUTE_NOT_FOUND'],
    ['/_ns', 'ROUTE_NOT_FOUND'],
    ['/_ns/', 'ROUTE_NOT_FOUND'],
    ['/_nsx/a', 'ROUTE_NOT_FOUND'],
    ['/x/_ns/a', 'ROUTE_NOT_FOUND'],
  ])('GET %s: %s', async (path, reason) => {
    const r = await request(httpOf(mock)).get(path);
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).toContain(reason);
  });
});
