// Property-based fuzzing of request bodies: whatever shape a body has, the emulator answers 2xx or
// 4xx, never 5xx, and the seeded state survives. Each case is a valid body of the route with one to
// three of its values (at any depth) replaced, deleted or wrapped, or an arbitrary JSON value, so
// that the fuzz reaches every field's check, not only the first. Bounded: a fixed number of runs.
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { DEMO_PUBLIC_KEY, IDS, basicSeed, makeApp, tokenFor } from '../testing/fixtures.js';

const EXPORT_EMBED = 'fuzzembedexp1';
const OWN = { chart: 'fuzzchart0001', dash: 'fuzzdash00001', embed: 'fuzzembed0001' };
const SEEDED_IDS = [IDS.workbook, IDS.secret, IDS.chart, IDS.chart2, IDS.dash, IDS.chartEmbed, IDS.dashEmbed, EXPORT_EMBED, ...Object.values(OWN)];

let mock: MockApp;
const tokens = { chart: '', dash: '', exp: '' };
beforeAll(async () => {
  const seed = basicSeed();
  const wb = seed.workbooks![0];
  wb.embeds!.push({ key: 'xe', id: EXPORT_EMBED, title: 'Export', secret: 'k', entry: 'c1', settings: { enableExport: true } });
  // Objects the fuzz may update freely (update* methods get their ids), apart from the ones checked after.
  wb.charts!.push({ key: 'fc', id: OWN.chart, title: 'Fuzz chart', rows: [{ a: 1 }] });
  wb.dashboards!.push({ key: 'fd', id: OWN.dash, title: 'Fuzz dash', tabs: [{ id: 't', title: 'T', items: [{ id: 'w', type: 'widget', chartId: 'fc' }] }] });
  wb.embeds!.push({ key: 'fe', id: OWN.embed, title: 'Fuzz embed', secret: 'k', entry: 'fc' });
  mock = await makeApp(seed);
  const now = Math.floor(Date.now() / 1000);
  const long = { iat: now, exp: now + 36000 };
  tokens.chart = await tokenFor(IDS.chartEmbed, long);
  tokens.dash = await tokenFor(IDS.dashEmbed, long);
  tokens.exp = await tokenFor(EXPORT_EMBED, long);
});
afterAll(() => mock.close());

// ---- arbitraries -------------------------------------------------------------------------------

const json = fc.jsonValue({ maxDepth: 3 });
const shortString = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'North', 'region', 't1', 'sel', 'csv', 'xlsx', '__proto__', 'constructor', 'a.b.c, x'));
const id = fc.oneof(fc.constantFrom(...SEEDED_IDS), fc.stringMatching(/^[0-9a-z]{13}$/));
/** A replacement value: the right kind often, a wrong kind just as often. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  json,
  id,
  shortString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(shortString, json), { maxLength: 3 }),
  fc.dictionary(shortString, fc.oneof(shortString, fc.array(shortString, { maxLength: 2 }), json), { maxKeys: 3 }),
);

type Json = unknown;
/** Every path into a JSON value (the root excluded). */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...paths(x, [...at, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
  return [];
}
type Op = 'replace' | 'delete' | 'wrap' | 'add';
function apply(base: Json, [pick, op, v]: [number, Op, unknown]): Json {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  const all = paths(copy);
  if (op === 'add' || all.length === 0) {
    if (copy && typeof copy === 'object' && !Array.isArray(copy)) copy[`extra${pick % 3}`] = v;
    return copy;
  }
  const path = all[pick % all.length];
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = op === 'wrap' ? [parent[key]] : v;
  return copy;
}
/** A valid body with 1 to 3 mutations, or (1 in 6) any JSON value at all. */
const mutated = (base: () => Json) =>
  fc.oneof(
    { weight: 1, arbitrary: json },
    {
      weight: 5,
      arbitrary: fc
        .array(fc.tuple(fc.nat(), fc.constantFrom<Op>('replace', 'replace', 'delete', 'wrap', 'add'), value), { minLength: 1, maxLength: 3 })
        .map((ops) => ops.reduce(apply, base())),
    },
  );

const exportData = () => ({ formSettings: { format: 'csv', delValues: 'semicolon', delNumbers: 'comma', encoding: 'utf8-bom' }, lang: 'en', chartData: { columns: ['a', 'b'], rows: [['x', 1], [null, 2.5]] }, downloadConfig: { filename: 'f' } });

/** Sends one request as JSON text (a string that starts with "{" goes out as is: broken JSON). */
async function send(method: 'post' | 'put', path: string, body: unknown, token?: string) {
  let r = request(mock.app)[method](path);
  if (token) r = r.set('x-dl-embed-token', token);
  return r.set('content-type', 'application/json').send(typeof body === 'string' && body.startsWith('{') ? body : JSON.stringify(body) ?? 'null');
}

let requests = 0;
const statuses = new Map<number, number>();
async function expectNo5xx(method: 'post' | 'put', path: string, body: unknown, token?: string): Promise<void> {
  const res = await send(method, path, body, token);
  requests++;
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  expect(res.status, `${method.toUpperCase()} ${path} ${JSON.stringify(body)?.slice(0, 300)} → ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
}

/** The seeded objects are all still there and still work. */
async function expectSeedIntact(): Promise<void> {
  for (const entryId of [IDS.chart, IDS.chart2, IDS.dash]) expect((await request(mock.app).post('/rpc/getEntry').send({ entryId })).status).toBe(200);
  for (const embedId of [IDS.chartEmbed, IDS.dashEmbed, EXPORT_EMBED]) expect((await request(mock.app).post('/rpc/getEmbed').send({ embedId })).status).toBe(200);
  expect((await request(mock.app).post('/rpc/getEmbeddingSecret').send({ embeddingSecretId: IDS.secret })).status).toBe(200);
  expect((await request(mock.app).post('/api/run').set('x-dl-embed-token', tokens.chart).send({ params: { region: 'North' } })).body.data.rows).toHaveLength(2);
  expect((await request(mock.app).get('/api/embedded-entry').set('x-dl-embed-token', tokens.dash)).status).toBe(200);
}

const RUNS = { gateway: 350, rpc: 500, mock: 350 };
const started = Date.now();

describe('fuzzed bodies never get a 5xx, and the seeded state survives', () => {
  it(`POST /api/run and /api/export (${RUNS.gateway} runs each)`, async () => {
    const runBases: [keyof typeof tokens, () => Json][] = [
      ['chart', () => ({ params: { region: 'North', category: ['A', 'B'] }, paramSources: { region: 'link', category: 'selector' } })],
      ['dash', () => ({ id: IDS.chart, params: { region: ['North'] }, paramShadowed: { region: [{ source: 'dashboard', value: '', by: 'link' }] } })],
      ['dash', () => ({ params: { region: ['South'] }, controlData: { id: 'sel', tabId: 't1', widgetId: 'sel', groupId: 'g' } })],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(runBases.length - 1).chain((i) => fc.tuple(fc.constant(runBases[i][0]), mutated(runBases[i][1]))), fc.boolean(), async ([which, body], strict) => {
        // Lenient mode passes unsigned values of any type on to the chart: they must not break it either.
        mock.ctx.settings.strict = strict;
        await expectNo5xx('post', '/api/run', body, tokens[which]);
      }),
      { numRuns: RUNS.gateway },
    );
    mock.ctx.settings.strict = false;
    const exportBodies = fc.oneof(
      mutated(exportData).map((data) => ({ data: encodeURIComponent(JSON.stringify(data) ?? '') })),
      mutated(() => ({ data: exportData(), exportFilename: 'Sales' })),
      mutated(() => ({ data: encodeURIComponent(JSON.stringify(exportData())), exportFilename: 'Sales' })),
    );
    await fc.assert(
      fc.asyncProperty(exportBodies, async (body) => {
        await expectNo5xx('post', '/api/export', body, tokens.exp);
      }),
      { numRuns: RUNS.gateway },
    );
    await expectSeedIntact();
  }, 60_000);

  it(`POST /rpc/<every method but delete*> (${RUNS.rpc} runs)`, async () => {
    const wb = IDS.workbook;
    const tab = { id: 't', title: 'T', aliases: { default: [['a', 'b']] }, items: [{ id: 's', type: 'control', sourceType: 'connection', param: 'p', options: ['a'], namespace: 'default' }, { id: 'w', type: 'widget', chartId: OWN.chart }] };
    const bases: Record<string, () => Json> = {
      createWorkbook: () => ({ title: 'W' }),
      createEmbeddingSecret: () => ({ workbookId: wb, title: 'K', publicKey: DEMO_PUBLIC_KEY }),
      getEmbeddingSecret: () => ({ embeddingSecretId: IDS.secret }),
      listEmbeddingSecrets: () => ({ workbookId: wb }),
      createChart: () => ({ workbookId: wb, title: 'C', visualization: 'bar', rows: [{ region: 'x', n: 1 }], filters: [{ param: 'region', column: 'region' }], params: { region: 'x' } }),
      updateChart: () => ({ entryId: OWN.chart, title: 'C', sql: 'SELECT 1 AS a WHERE dl_in(1, :p)' }),
      createDashboard: () => ({ workbookId: wb, title: 'D', settings: { globalParams: { p: '' } }, tabs: [tab] }),
      updateDashboard: () => ({ entryId: OWN.dash, title: 'D', tabs: [tab] }),
      getEntry: () => ({ entryId: IDS.chart }),
      listEntries: () => ({ workbookId: wb }),
      createEmbed: () => ({ title: 'E', embeddingSecretId: IDS.secret, entryId: OWN.chart, depsIds: [], unsignedParams: ['a'], privateParams: ['b'], publicParamsMode: false, settings: { enableExport: true } }),
      getEmbed: () => ({ embedId: IDS.chartEmbed }),
      listEmbeds: () => ({ entryId: IDS.chart }),
      updateEmbed: () => ({ embedId: OWN.embed, title: 'E', depsIds: [OWN.chart], privateParams: ['x'] }),
      createConnection: () => ({ workbookId: wb, type: 'partner', connectorId: 'fuzzconnector', token: '1:1:AAAA:AAAA', title: 'C' }),
      getConnection: () => ({ connectionId: 'fuzzconnectio' }),
      listConnections: () => ({ workbookId: wb }),
      noSuchMethod: () => ({}),
    };
    const methods = Object.keys(bases);
    await fc.assert(
      fc.asyncProperty(fc.nat(methods.length - 1).chain((i) => fc.tuple(fc.constant(methods[i]), mutated(bases[methods[i]]))), async ([method, body]) => {
        await expectNo5xx('post', `/rpc/${method}`, body);
      }),
      { numRuns: RUNS.rpc },
    );
    await expectSeedIntact();
  }, 60_000);

  it(`POST/PUT /_mock/* with a body (${RUNS.mock} runs)`, async () => {
    const routes: ['post' | 'put', string, () => Json][] = [
      ['post', '/_mock/clock', () => ({ now: 1767225600 })],
      ['post', '/_mock/settings', () => ({ precedence: 'by-date', strict: false, clockToleranceSec: 5, precedenceCutover: 1, allowedParentOrigins: ['*'], strictIat: true })],
      ['put', '/_mock/datasource/tables/fuzz_t', () => ({ rows: [{ a: 1, b: 'x', c: null }] })],
      ['post', '/_mock/validate', () => ({ input: tokens.chart, key: DEMO_PUBLIC_KEY })],
      ['post', '/_mock/tokens', () => ({ embedId: 'ce', params: { region: 'x' }, ttl: 60, iat: 1767225600 })],
      ['post', '/_mock/faults', () => ({ route: 'gateway', embedId: 'ce', times: 1, status: 503 })],
      ['post', '/_mock/reset', () => ({ namespace: 'fz1' })],
      ['put', '/_mock/host-pages/fuzz', () => ({ html: '<p>hi</p>' })],
      ['post', '/_mock/partner/decrypt', () => ({ connectorId: 'fuzzconnector', token: '1:1:AAAA:AAAA' })],
      ['post', '/_mock/partner/connectors', () => ({ title: 'P', partnerKeys: [{ version: 1, publicKey: DEMO_PUBLIC_KEY }] })],
      ['post', '/_mock/partner/connectors/fuzzconnector/keys', () => ({ version: 2, publicKey: DEMO_PUBLIC_KEY })],
      ['put', '/_mock/partner/databases/fuzz_db/tables/t', () => ({ rows: [{ a: 1 }] })],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(routes.length - 1).chain((i) => fc.tuple(fc.constant(routes[i]), mutated(routes[i][2]))), async ([[method, path], body]) => {
        // A reset without a namespace empties the store on purpose: only namespaced resets are sent.
        if (path === '/_mock/reset' && !(body && typeof body === 'object' && 'namespace' in body)) return;
        await expectNo5xx(method, path, body);
        // Undo what a valid body may have set for the requests after it: faults, the clock, the settings.
        await request(mock.app).delete('/_mock/faults').expect(200);
        await request(mock.app).post('/_mock/clock').send({ now: null }).expect(200);
        await request(mock.app).post('/_mock/settings').send({ strict: false, strictIat: false, clockToleranceSec: 0, precedence: 'signed-wins' }).expect(200);
      }),
      { numRuns: RUNS.mock },
    );
    await expectSeedIntact();
  }, 60_000);

  it.each([
    ['post', '/rpc/%E0%A4%A'],
    ['get', '/_ns/%ZZ/_mock/health'],
    ['get', '/_mock/host-pages/%ZZ'],
    ['delete', '/_mock/faults/%ZZ'],
    ['post', '/_mock/reset?namespace[x]=1'],
    ['get', '/_mock/journal?limit=abc&kind[]=x'],
    ['get', '/embeds/dash?tab[]=1&tab=2'],
    ['get', '/api/embedded-entry?x=%ZZ'],
  ] as const)('a malformed URL is not a 5xx either: %s %s', async (method, path) => {
    const res = await request(mock.app)[method](path);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
  });

  it('reached past the first check: accepted bodies were among the fuzzed ones', () => {
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    // The figures for the report: how many fuzzed requests, in how long.
    process.stdout.write(`bodies fuzz: ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
  });
});
