import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp } from '../server.js';
import { DEMO_PRIVATE_KEY, IDS, basicSeed } from '../testing/fixtures.js';
import { DlRequestError } from './client.js';
import { signFor, startEmulator } from './emulator.js';

const emu = await startEmulator({ seedData: basicSeed() });
afterAll(() => emu.close());

describe('DlClient against an in-process emulator', () => {
  it('signToken + run: the effective params come back', async () => {
    const token = await emu.dl.signToken({ embedId: 'ce', params: { region: 'North' } });
    const res = await emu.dl.run(token, { params: { category: 'B' } });
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual({ region: 'North', category: 'B' });
  });

  it('embedUrl: the right page, unsigned params in the query, the token in the hash', async () => {
    const chart = new URL(await emu.dl.embedUrl('ce', { params: { region: ['North', 'South'] }, signedParams: { category: 'A' } }));
    expect(chart.pathname).toBe('/embeds/chart');
    expect(chart.searchParams.getAll('region')).toEqual(['North', 'South']);
    expect(chart.hash).toMatch(/^#dl_embed_token=eyJ/);
    const dash = new URL(await emu.dl.embedUrl({ embedId: IDS.dashEmbed }));
    expect(dash.pathname).toBe('/embeds/dash');
    const token = await emu.dl.signToken({ embedId: 'de' });
    expect(await emu.dl.embedUrl('de', { token })).toBe(`${emu.url}/embeds/dash#dl_embed_token=${token}`);
  });

  it.each(['garbage', 'only.twoparts', 'a.b.c'])('embedUrl takes a malformed token too (%s), on the embed\'s own page', async (token) => {
    expect(await emu.dl.embedUrl('ce', { token })).toBe(`${emu.url}/embeds/chart#dl_embed_token=${token}`);
    expect(await emu.dl.embedUrl('de', { token })).toBe(`${emu.url}/embeds/dash#dl_embed_token=${token}`);
  });

  it('embedUrl on another origin: production keeps the namespace path, which a fixture route would add', async () => {
    const token = await emu.dl.signToken({ embedId: 'ce' });
    expect(await emu.dl.embedUrl('ce', { token, origin: 'production' })).toBe(`https://datalens.ru/embeds/chart#dl_embed_token=${token}`);
    expect(await emu.dl.namespace('n1').embedUrl('ce', { token, origin: 'https://dl.example.test/' })).toBe(
      `https://dl.example.test/_ns/n1/embeds/chart#dl_embed_token=${token}`,
    );
  });

  it('signs locally with a private key it is given (keys made over /rpc)', async () => {
    const token = await emu.dl.signToken({ embedId: IDS.chartEmbed, privateKey: DEMO_PRIVATE_KEY, params: { region: 'South' } });
    expect((await emu.dl.run(token)).body.params).toEqual({ region: 'South' });
  });

  it('setClock pins the emulator clock (number or Date) and null releases it', async () => {
    expect(await emu.dl.setClock(new Date('2030-01-01T00:00:00Z'))).toEqual({ now: 1_893_456_000, pinned: true });
    const token = await emu.dl.signToken({ embedId: 'ce' });
    expect((await emu.dl.run(token)).status).toBe(200);
    await emu.dl.setClock(1_893_456_000 + 10_000);
    expect((await emu.dl.run(token)).body).toMatchObject({ mock: { reason: 'TOKEN_EXPIRED' } });
    expect((await emu.dl.setClock(null)).pinned).toBe(false);
  });

  it('journal, lastRequest and faults go through the same client, naming embeds by seed key', async () => {
    expect(await emu.dl.addFault({ route: 'run', embedId: 'ce', times: 1, reject: 'outdated' })).toMatchObject({ embedId: IDS.chartEmbed });
    expect(await emu.dl.faults()).toHaveLength(1);
    const res = await emu.dl.run(await emu.dl.signToken({ embedId: 'ce' }));
    expect(res.status).toBe(409);
    const last = await emu.dl.lastRequest({ kind: 'gateway' });
    expect(last).toMatchObject({ embedId: IDS.chartEmbed, verdict: 'rejected', rejection: { reason: 'ENTRY_NOT_IN_DEPS' } });
    expect((await emu.dl.journal({ reason: 'ENTRY_NOT_IN_DEPS', embedId: 'ce' })).length).toBeGreaterThan(0);
    await emu.dl.clearFaults();
    expect(await emu.dl.faults()).toEqual([]);
  });

  it('a namespace client is isolated from the root client', async () => {
    const ns = emu.dl.namespace('client-test');
    await ns.setClock(1_000);
    expect((await emu.dl.clock()).pinned).toBe(false);
    expect((await ns.clock()).now).toBe(1_000);
    expect(ns.baseUrl).toBe(`${emu.url}/_ns/client-test`);
    expect(ns.namespace('other').baseUrl).toBe(`${emu.url}/_ns/other`);
  });

  it('control errors throw DlRequestError with the status and the reason', async () => {
    const err = await emu.dl.signToken({ embedId: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DlRequestError);
    expect(err).toMatchObject({ status: 404, path: '/_mock/tokens' });
    expect((err as Error).message).toMatch(/answered 404: No embed "nope"/);
  });

  it('reset re-seeds and empties the journal', async () => {
    await emu.dl.run(undefined);
    await emu.dl.reset();
    expect(await emu.dl.journal()).toEqual([]);
    expect((await emu.dl.run(await emu.dl.signToken({ embedId: 'ce' }))).status).toBe(200);
  });
});

describe('supertest with no socket: createMockApp + signFor', () => {
  it('signs with the seed key and the emulator clock', async () => {
    const mock = await createMockApp({ seedData: basicSeed(), quiet: true });
    mock.ctx.clock.set(1_900_000_000);
    const token = await signFor(mock, { embedId: 'ce', params: { region: 'North' } });
    const res = await request(mock.app).post('/api/run').set('x-dl-embed-token', token).send({});
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual({ region: 'North' });
    await expect(signFor(mock, { embedId: 'nope' })).rejects.toThrow(/No seeded embed "nope"; the seed has: ce, de/);
    await mock.close();
  });
});
