// vitest + supertest against the emulator, no browser: copy-paste examples from docs/testing.md.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp, signFor, startEmulator } from 'datalens-mock/testkit';

const seed = 'client-fixtures/examples/seed.yaml';

describe('supertest: the Express app, no listening socket', async () => {
  const mock = await createMockApp({ seed, quiet: true });
  afterAll(() => mock.close());

  it('a signed param wins over the same param in the link', async () => {
    const token = await signFor(mock, { embedId: 'sales', params: { region: 'North' } });
    const res = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({ params: { region: 'South', category: 'Books' } });
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual({ region: 'North', category: 'Books' });
    expect(res.body.data.rows).toEqual([['North', 'Books', 10]]);
  });
});

describe('an in-process emulator: faults and the journal', async () => {
  const emu = await startEmulator({ seed });
  afterAll(() => emu.close());

  /** The kind of code under test: a backend that retries the gateway once on a 5xx. */
  async function runWithRetry(token: string) {
    const first = await emu.dl.run(token);
    return first.status >= 500 ? emu.dl.run(token) : first;
  }

  it('the retry recovers from one injected 500', async () => {
    await emu.dl.addFault({ route: 'run', embedId: 'sales', status: 500, times: 1 });
    const res = await runWithRetry(await emu.dl.signToken({ embedId: 'sales' }));
    expect(res.status).toBe(200);
    const verdicts = (await emu.dl.journal({ embedId: 'sales' })).map((e) => e.verdict);
    expect(verdicts.slice(-2)).toEqual(['rejected', 'accepted']);
  });
});
