// The journal holds a bounded copy of each request, whatever the client sends: measured in sizes.
import v8 from 'node:v8';
import vm from 'node:vm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { basicSeed, makeApp } from '../testing/fixtures.js';
import { ENTRY_BUDGET } from './redact.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Room for the entry's own fields and markers beside the budgeted characters. */
const ENTRY_CAP = ENTRY_BUDGET + 16 * 1024;

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp(basicSeed());
});
afterAll(() => mock.close());

const MB = 1024 * 1024;
const bigString = (bytes: number) => 'eyJ'.padEnd(bytes, 'a.');

/** Hostile bodies: each is larger than a whole journal may hold. */
const hostile: { name: string; body: () => unknown }[] = [
  { name: 'one 6 MB string param', body: () => ({ params: { region: bigString(6 * MB) } }) },
  { name: 'a param of 200,000 values', body: () => ({ params: { region: Array.from({ length: 200_000 }, (_, i) => `v${i}`) } }) },
  { name: '50,000 params', body: () => ({ params: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`p${i}`, 'x'])) }) },
  { name: 'a 6 MB field name', body: () => ({ params: { [bigString(6 * MB)]: 'x' } }) },
];

describe('each journal entry stays within its budget', () => {
  const routes = [
    ['/api/export', 'token-less, on the export route (100 MB body limit)'],
    ['/rpc/createEmbed', 'on the control plane'],
  ];
  it.each(hostile.flatMap((h) => routes.map(([route, where]) => ({ ...h, route, where }))))('$name, $where', async ({ body, route }) => {
    const r = await request(mock.app).post(route).send(body() as object);
    expect(r.status).toBe(400);
    const [entry] = mock.ctx.journal.list({ limit: 1 });
    expect(entry.route).toBe(`POST ${route}`);
    expect(JSON.stringify(entry).length).toBeLessThan(ENTRY_CAP);
  });

  it('a long embed token that is not a JWT is kept cut and redacted', async () => {
    const r = await request(mock.app).post('/api/run').set('x-dl-embed-token', `x${'eyJa.'.repeat(2000)}`).send({});
    expect(r.status).toBeGreaterThanOrEqual(400);
    const [entry] = mock.ctx.journal.list({ limit: 1 });
    expect(JSON.stringify(entry.token).length).toBeLessThan(400);
  });
});

describe('retained memory does not grow with the bodies sent', () => {
  it('8 token-less 8 MB requests leave less than 8 budgets on the heap', async () => {
    const body = JSON.stringify({ params: { region: bigString(8 * MB) } });
    const send = () => request(mock.app).post('/api/export').set('content-type', 'application/json').send(body);
    await send();
    mock.ctx.journal.list();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 8; i++) expect((await send()).status).toBe(400);
    gc();
    const unread = process.memoryUsage().heapUsed - before;
    mock.ctx.journal.list();
    gc();
    const read = process.memoryUsage().heapUsed - before;
    // Keeping the bodies would hold 8 × 8 MB; the journal holds at most 8 entry caps (plus noise).
    expect(unread).toBeLessThan(8 * ENTRY_CAP + 2 * MB);
    expect(read).toBeLessThan(8 * ENTRY_CAP + 2 * MB);
    console.log(`journal: 8 × 8 MB bodies retained ${(unread / MB).toFixed(2)} MB unread, ${(read / MB).toFixed(2)} MB after reading`);
  });
});
