import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, httpOf, makeApp, nowSec, tokenFor } from '../testing/fixtures.js';
import type { JournalEntry } from '../journal/types.js';

const mock: MockApp = await makeApp();
afterAll(() => mock.close());
const http = () => request(httpOf(mock));
beforeEach(async () => {
  await http().delete('/_mock/journal').expect(200);
});

const journal = async (query = ''): Promise<JournalEntry[]> => (await http().get(`/_mock/journal${query}`).expect(200)).body.entries;

describe('gateway requests in the journal', () => {
  it('an accepted run records the embed, the entry, the three kinds of params and the trace', async () => {
    const token = await tokenFor(IDS.chartEmbed, { params: { region: 'South' } });
    await http().post('/api/run').set('x-dl-embed-token', token).send({ params: { region: 'North', category: 'B' } }).expect(200);
    const [e] = await journal();
    expect(e).toMatchObject({ kind: 'gateway', route: 'POST /api/run', status: 200, verdict: 'accepted', embedId: IDS.chartEmbed, entryId: IDS.chart });
    expect(e.params).toMatchObject({ signed: { region: 'South' }, unsigned: { region: 'North', category: 'B' }, effective: { region: 'South', category: 'B' }, rule: 'signed-wins' });
    expect(Array.isArray(e.params?.trace)).toBe(true);
    expect(JSON.stringify(e.params?.trace)).toContain('region');
    expect(e.why).toMatch(/^Accepted: the token verified for embed testembed0001, entry testchart0001; effective params .*South.* by signed-wins\.$/);
    expect(e.response).toMatchObject({ entryId: IDS.chart, data: { rows: '1 row(s)' } });
  });

  it('a rejected run names the catalogued reason, message and hint', async () => {
    const token = await tokenFor(IDS.chartEmbed, { iat: nowSec() - 1000, exp: nowSec() - 10 });
    await http().post('/api/run').set('x-dl-embed-token', token).send({}).expect(403);
    const [e] = await journal();
    expect(e).toMatchObject({ status: 403, verdict: 'rejected', embedId: IDS.chartEmbed, rejection: { reason: 'TOKEN_EXPIRED' } });
    expect(e.rejection?.hint).toMatch(/Mint a new token/);
    expect(e.why).toMatch(/^Rejected with 403 TOKEN_EXPIRED: /);
  });

  it('keeps no token signature anywhere, and shows the decoded payload', async () => {
    const token = await tokenFor(IDS.chartEmbed, { params: { region: 'North' } });
    const signature = token.split('.')[2];
    await http().post('/api/run').set('x-dl-embed-token', token).send({}).expect(200);
    const res = await http().get('/_mock/journal').expect(200);
    expect(JSON.stringify(res.body)).not.toContain(signature);
    expect(res.body.entries[0].token).toMatchObject({ payload: { embedId: IDS.chartEmbed, params: { region: 'North' } }, signature: '[signature redacted]' });
  });

  it('a token that is not a JWT is recorded as malformed, cut and redacted', async () => {
    await http().post('/api/run').set('x-dl-embed-token', 'garbage').send({}).expect(400);
    const [e] = await journal();
    expect(e.token).toEqual({ malformed: 'garbage' });
    expect(e.rejection?.reason).toBe('TOKEN_MALFORMED');
  });
});

describe('rpc requests in the journal', () => {
  it('records the method and redacts the private key createEmbeddingSecret returns', async () => {
    const res = await http().post('/rpc/createEmbeddingSecret').send({ workbookId: IDS.workbook, title: 'k2' }).expect(200);
    expect(res.body.privateKey).toContain('PRIVATE KEY');
    const [e] = await journal('?kind=rpc');
    expect(e).toMatchObject({ kind: 'rpc', rpcMethod: 'createEmbeddingSecret', route: 'POST /rpc/createEmbeddingSecret', verdict: 'accepted' });
    expect((e.response as Record<string, unknown>).privateKey).toBe('[redacted]');
    expect(JSON.stringify(e)).not.toContain('PRIVATE KEY');
  });

  it('records a refused rpc call with its reason and the embedId it named', async () => {
    await http().post('/rpc/getEmbed').send({ embedId: 'zzzzzzzzzzzzz' }).expect(404);
    const [e] = await journal('?verdict=rejected');
    expect(e).toMatchObject({ rpcMethod: 'getEmbed', embedId: 'zzzzzzzzzzzzz', rejection: { reason: 'EMBED_NOT_FOUND' } });
  });
});

describe('partner requests in the journal', () => {
  it('records /_mock/partner calls and drops the access token signature', async () => {
    const signature = Buffer.from('s'.repeat(256)).toString('base64');
    const token = `1:1:${Buffer.from('ciphertext-bytes').toString('base64')}:${signature}`;
    const res = await http().post('/_mock/partner/decrypt').send({ connectorId: 'zzzzzzzzzzzzz', token });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [e] = await journal('?kind=partner');
    expect(e).toMatchObject({ kind: 'partner', route: 'POST /_mock/partner/decrypt', verdict: 'rejected' });
    expect(e.rejection?.reason).toMatch(/^PARTNER_/);
    expect((e.request as { token: string }).token).toMatch(/^1:1:[A-Za-z0-9+/=]+:\[signature redacted\]$/);
    expect(JSON.stringify(e)).not.toContain(signature);
  });
});

describe('GET /_mock/journal filters and limits', () => {
  it('filters by embedId, kind and limit, and reports capacity and size', async () => {
    const chart = await tokenFor(IDS.chartEmbed);
    const dash = await tokenFor(IDS.dashEmbed);
    for (const t of [chart, dash, chart]) await http().post('/api/run').set('x-dl-embed-token', t).send({ id: IDS.chart });
    await http().post('/rpc/getEmbed').send({ embedId: IDS.chartEmbed });
    const res = await http().get(`/_mock/journal?embedId=${IDS.chartEmbed}&kind=gateway&limit=1`).expect(200);
    expect(res.body.entries).toHaveLength(1);
    expect(res.body.entries[0].embedId).toBe(IDS.chartEmbed);
    expect(res.body).toMatchObject({ size: 4, capacity: 500, dropped: 0 });
    expect(await journal(`?embedId=${IDS.dashEmbed}`)).toHaveLength(1);
  });

  it('answers 400 naming the bad filter', async () => {
    const res = await http().get('/_mock/journal?verdict=maybe').expect(400);
    expect(res.body.field).toBe('verdict');
    await http().get('/_mock/journal?colour=red').expect(400);
  });

  it('GET /_mock/journal/:id returns one entry, 404 when it is gone', async () => {
    await http().post('/api/run').send({});
    const [e] = await journal();
    expect((await http().get(`/_mock/journal/${e.id}`).expect(200)).body.id).toBe(e.id);
    await http().get(`/_mock/journal/${e.id + 100}`).expect(404);
  });

  it('does not record pages or emulator controls', async () => {
    await http().get('/_mock/health');
    await http().get('/_mock/journal');
    expect(await journal()).toEqual([]);
  });

  it('POST /_mock/reset empties the journal', async () => {
    await http().post('/api/run').send({});
    expect(await journal()).toHaveLength(1);
    await http().post('/_mock/reset').expect(200);
    expect(await journal()).toEqual([]);
  });
});

describe('/_mock/ui', () => {
  it('lists requests newest first, each linking to its detail page', async () => {
    await http().post('/api/run').send({});
    await http().post('/api/run').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send({ params: { region: 'North' } });
    const list = await http().get('/_mock/ui').expect(200).expect('content-type', /html/);
    const ids = [...list.text.matchAll(/data-testid="dl-journal-row" data-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBeGreaterThan(ids[1]);
    expect(list.text).toContain(`href="/_mock/ui/requests/${ids[0]}"`);
    expect(list.text).toContain('TOKEN_NOT_FOUND');

    const detail = await http().get(`/_mock/ui/requests/${ids[0]}`).expect(200);
    expect(detail.text).toContain('data-testid="dl-journal-why"');
    expect(detail.text).toMatch(/data-testid="dl-journal-param" data-name="region"/);
    expect(detail.text).toContain('dl-journal-trace-step');
  });

  it('filters like the JSON endpoint, escapes what it shows, and treats empty fields as no filter', async () => {
    await http().post('/api/run').set('x-dl-embed-token', 'x<script>').send({});
    const page = await http().get('/_mock/ui?kind=gateway&verdict=&embedId=').expect(200);
    expect(page.text).toContain('data-testid="dl-journal-row"');
    const [e] = await journal();
    const detail = await http().get(`/_mock/ui/requests/${e.id}`).expect(200);
    expect(detail.text).not.toContain('x<script>');
    expect(detail.text).toContain('x&lt;script&gt;');
    const none = await http().get('/_mock/ui?kind=rpc').expect(200);
    expect(none.text).toContain('dl-journal-empty');
  });
});
