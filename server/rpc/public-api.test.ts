// The control plane as the DataLens Public API is called today (docs/fidelity.md, "Public API"):
// its headers, and updateEmbed replacing the embed whole.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, makeApp } from '../testing/fixtures.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) => request(mock.app).post(`/rpc/${method}`).set(headers).send(body as object);

describe('x-dl-api-version', () => {
  it.each([['1'], ['2'], ['3'], ['latest']])('%s is accepted', async (version) => {
    const res = await rpc('getEmbed', { embedId: IDS.chartEmbed }, { 'x-dl-api-version': version });
    expect(res.status).toBe(200);
    expect(res.body.embedId).toBe(IDS.chartEmbed);
  });

  it('may be left out (production requires it; the emulator does not)', async () => {
    expect((await rpc('getEmbed', { embedId: IDS.chartEmbed })).status).toBe(200);
  });

  it.each([['0'], ['4'], ['v2'], ['2.0'], ['Latest'], [''], ['2, 3'], ['x'.repeat(500)]])('%s is refused with 400 INVALID_API_VERSION_HEADER naming the valid values', async (version) => {
    const res = await rpc('createWorkbook', { title: 'never created' }, { 'x-dl-api-version': version });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_API_VERSION_HEADER');
    expect(res.body.field).toBe('x-dl-api-version');
    expect(res.body.message).toContain('1, 2, 3, latest');
    expect(res.body.message.length).toBeLessThan(300);
    expect(res.body.hint).toMatch(/x-dl-api-version: 1, 2, 3 or latest/);
  });

  it('refuses before anything is written', async () => {
    const before = (await rpc('listEmbeds', { entryId: IDS.chart })).body.embeds.length;
    await rpc('createEmbed', { title: 'E', embeddingSecretId: IDS.secret, entryId: IDS.chart }, { 'x-dl-api-version': '9' }).expect(400);
    expect((await rpc('listEmbeds', { entryId: IDS.chart })).body.embeds.length).toBe(before);
  });
});

describe('Authorization and x-dl-org-id', () => {
  it('are accepted and not verified, with the headers a provisioning script sends', async () => {
    const headers = { authorization: 'Bearer t1.9euelZqSyc2Sm5KTjpDLl5eQkZqMyu3rnpWa', 'x-dl-org-id': 'bpfaaaaaaaaaaaaaaaaa', 'x-dl-api-version': '2' };
    const wb = await rpc('createWorkbook', { title: 'Provisioned' }, headers);
    expect(wb.status).toBe(200);
    const embed = await rpc('createEmbed', { title: 'E', embeddingSecretId: IDS.secret, entryId: IDS.chart }, headers);
    expect(embed.status).toBe(200);
    expect(embed.body.embedId).toMatch(/^[0-9a-z]{13}$/);
  });
});

describe('updateEmbed replaces the embed whole, as the Public API does', () => {
  let embedId: string;
  beforeAll(async () => {
    const created = await rpc('createEmbed', {
      title: 'Full',
      embeddingSecretId: IDS.secret,
      entryId: IDS.dash,
      depsIds: [IDS.chart, IDS.chart2],
      unsignedParams: ['region'],
      privateParams: ['uid'],
      publicParamsMode: false,
      settings: { enableExport: true },
    });
    embedId = created.body.embedId;
  });

  it('a field left out takes the createEmbed default, not the stored value', async () => {
    const res = await rpc('updateEmbed', { embedId, title: 'Renamed', embeddingSecretId: IDS.secret }, { 'x-dl-api-version': '3' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ embedId, title: 'Renamed', entryId: IDS.dash, depsIds: [IDS.chart], unsignedParams: [], privateParams: [], publicParamsMode: true, settings: {} });
    expect((await rpc('getEmbed', { embedId })).body).toMatchObject({ unsignedParams: [], privateParams: [], publicParamsMode: true, settings: {} });
  });

  it('every field sent is stored as sent', async () => {
    const full = { embedId, title: 'Again', embeddingSecretId: IDS.secret, depsIds: [IDS.chart], unsignedParams: ['a', 'b'], privateParams: ['c'], publicParamsMode: false, settings: { enableExport: false } };
    const res = await rpc('updateEmbed', full);
    expect(res.body).toMatchObject(full);
  });

  it('keeps title and embeddingSecretId when they are left out', async () => {
    const res = await rpc('updateEmbed', { embedId, settings: { enableExport: true } });
    expect(res.body).toMatchObject({ title: 'Again', embeddingSecretId: IDS.secret, unsignedParams: [], privateParams: [], settings: { enableExport: true } });
  });
});
