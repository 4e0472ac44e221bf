import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../public-api.js';
import { createMockServer } from '../server.js';
import { basicSeed, IDS } from '../testing/fixtures.js';
import { routeNodeFetch, routedOrigins } from './production-routes.js';

describe('routedOrigins', () => {
  it.each([
    ['the default (both embed hosts)', ['https://datalens.ru', 'https://datalens.yandex.cloud'], {}, ['https://datalens.ru', 'https://datalens.yandex.cloud', 'https://api.datalens.tech']],
    ['the legacy host alone: its redirect target is routed too', ['https://datalens.yandex.cloud'], {}, ['https://datalens.yandex.cloud', 'https://datalens.ru', 'https://api.datalens.tech']],
    ['the legacy host alone, served directly', ['https://datalens.yandex.cloud'], { legacyRedirect: false }, ['https://datalens.yandex.cloud', 'https://api.datalens.tech']],
    ['without the control plane', ['https://datalens.ru'], { controlPlane: false }, ['https://datalens.ru']],
    ['routing off', [], {}, []],
  ])('%s', (_name, origins, options, routed) => {
    expect(routedOrigins(origins, options)).toEqual(routed);
  });
});

describe('routeNodeFetch: a provisioning script calling the Public API reaches the namespace unchanged', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await createMockServer({ inMemory: true, quiet: true, port: 0, seedData: basicSeed() });
    const put = await fetch(`${server.url}/_mock/namespaces/prov`, { method: 'PUT' });
    expect(put.status).toBe(201);
  });
  afterAll(() => server.close());

  /** What users write: the production URL and headers, nothing about the emulator. */
  async function provisionEmbed(): Promise<{ embedId: string }> {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer iam-token', 'x-dl-org-id': 'org1', 'x-dl-api-version': '2' };
    const res = await fetch('https://api.datalens.tech/rpc/createEmbed', {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Provisioned', embeddingSecretId: IDS.secret, entryId: IDS.chart }),
    });
    if (!res.ok) throw new Error(`createEmbed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { embedId: string };
  }

  it('routes fetch(url) and fetch(Request) for a routed origin, and leaves other URLs alone', async () => {
    const original = globalThis.fetch;
    const unroute = routeNodeFetch(['https://api.datalens.tech'], `${server.url}/_ns/prov`);
    try {
      const embed = await provisionEmbed();
      expect(embed.embedId).toMatch(/^[0-9a-z]{13}$/);
      const got = await fetch(new Request('https://api.datalens.tech/rpc/getEmbed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ embedId: embed.embedId }) }));
      expect(((await got.json()) as { title: string }).title).toBe('Provisioned');
      // It went to the namespace, not to the root emulator.
      const inRoot = await original(`${server.url}/rpc/getEmbed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ embedId: embed.embedId }) });
      expect(inRoot.status).toBe(404);
      expect((await fetch(`${server.url}/_mock/health`)).status).toBe(200);
    } finally {
      unroute();
    }
    expect(globalThis.fetch).toBe(original);
  });
});
