import { createPrivateKey, createPublicKey } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { httpOf } from '../testing/fixtures.js';
import { escapeHtml } from './render/html.js';
import type { Report } from './report.js';
import { caseKey, corpusApp, loadCorpus } from './testing.js';

const corpus = loadCorpus();
const byName = (name: string) => {
  const c = corpus.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no corpus case "${name}"`);
  return c;
};
let mock: MockApp;
beforeAll(async () => {
  mock = await corpusApp(corpus);
});
afterAll(() => mock.close());

const publicPem = (pem: string) => createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();
const validate = (body: unknown) => request(httpOf(mock)).post('/_mock/validate').send(body as object);
const codesOf = (r: Report) => [...new Set(r.findings.map((f) => f.code))].sort();

describe('POST /_mock/validate', () => {
  it('answers 200 with no finding for a valid token, and says the emulator accepts it', async () => {
    const res = await validate({ input: byName('valid chart token').input });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ kind: 'embed-token', ok: true, findings: [], outcome: { accepted: true } });
    expect(res.body.audit.embedId).toBe('dcembchart001');
  });

  it('reports every finding as {code, severity, message, hint}', async () => {
    const res = await validate({ input: byName('many defects in one token').input });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(codesOf(res.body)).toEqual(['DLM-110', 'DLM-211', 'DLM-224', 'DLM-226', 'DLM-231']);
    for (const f of res.body.findings) {
      expect(f).toMatchObject({ code: expect.stringMatching(/^DLM-\d{3}$/), severity: f.code === 'DLM-231' ? 'warning' : 'error', message: expect.any(String), hint: expect.any(String) });
    }
    expect(res.body.outcome).toMatchObject({ accepted: false, status: 403 });
  });

  it('gives the same codes over HTTP as the engine for every server-side corpus case (embed tokens and links)', async () => {
    const cases = corpus.cases.filter((c) => c.group !== 'partner' && (c.mode ?? 'server') === 'server' && !c.precedence);
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      const key = caseKey(corpus, c.key);
      const res = await validate({ input: c.input, ...(key && { key }) });
      expect(res.status, c.name).toBe(200);
      expect(codesOf(res.body), c.name).toEqual([...c.expect].sort());
    }
  });

  it("uses the emulator's clock: a token valid now is expired once the clock moves past exp", async () => {
    const input = byName('valid chart token').input;
    await request(httpOf(mock)).post('/_mock/clock').send({ now: corpus.clock + 3600 }).expect(200);
    try {
      const res = await validate({ input });
      expect(codesOf(res.body)).toEqual(['DLM-224']);
      expect(res.body.findings[0].message).toContain('expired 3300 s ago');
    } finally {
      mock.ctx.clock.set(corpus.clock);
    }
  });

  it("uses the emulator's precedence setting: under unsigned-wins a signed param open to the link is reported", async () => {
    const input = byName('valid token with a signed param').input;
    await request(httpOf(mock)).post('/_mock/settings').send({ precedence: 'unsigned-wins' }).expect(200);
    try {
      expect(codesOf((await validate({ input })).body)).toEqual(['DLM-506']);
    } finally {
      mock.ctx.settings.precedence = 'signed-wins';
    }
  });

  it('by default the strict-only rules are warnings and the emulator accepts the token; under --strict they are errors', async () => {
    const input = byName('a number param value').input;
    const res = await validate({ input });
    expect(res.body.findings).toMatchObject([{ code: 'DLM-231', severity: 'warning' }]);
    expect(res.body.ok).toBe(true);
    expect(res.body.outcome).toEqual({ accepted: true });
    await request(httpOf(mock)).post('/_mock/settings').send({ strict: true }).expect(200);
    try {
      const strict = await validate({ input });
      expect(strict.body.findings).toMatchObject([{ code: 'DLM-231', severity: 'error' }]);
      expect(strict.body.outcome).toMatchObject({ accepted: false, reason: 'TOKEN_PARAMS_TYPE' });
    } finally {
      mock.ctx.settings.strict = false;
    }
  });

  it('checks the signature with a key given in the body', async () => {
    const res = await validate({ input: byName('valid chart token').input, key: caseKey(corpus, 'embedB') });
    expect(codesOf(res.body)).toEqual(['DLM-306']);
  });

  it('answers an empty input with DLM-001, not an error status', async () => {
    const res = await validate({ input: '' });
    expect(res.status).toBe(200);
    expect(codesOf(res.body)).toEqual(['DLM-001']);
  });

  it.each([
    ['no input', {}],
    ['a non-string input', { input: 42 }],
    ['an unknown field', { input: 'x', token: 'y' }],
  ])('refuses %s with 400 INVALID_BODY', async (_name, body) => {
    const res = await validate(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_BODY');
  });

  it('runs inside a test-kit namespace with that namespace\'s own state and clock', async () => {
    const ns = request(httpOf(mock));
    await ns.post('/_ns/doctor-1/_mock/clock').send({ now: corpus.clock }).expect(200);
    const res = await request(httpOf(mock)).post('/_ns/doctor-1/_mock/validate').send({ input: byName('valid chart link').input });
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([]);
    expect(res.body.outcome).toEqual({ accepted: true });
  });

  it('still leaves the other /_mock routes to their router', async () => {
    await request(httpOf(mock)).get('/_mock/health').expect(200, { status: 'ok' });
    const res = await request(httpOf(mock)).get('/_mock/no-such-control');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('the doctor page /_mock/doctor', () => {
  it('GET shows the form, runs no script and is never cached or framed', async () => {
    const res = await request(httpOf(mock)).get('/_mock/doctor');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.text).toContain('<form method="post" action="doctor">');
    expect(res.text).toContain('<textarea id="input" name="input"');
    expect(res.text).not.toMatch(/<script/i);
  });

  it('POST lists every finding with its code and fix, and keeps the input in the form', async () => {
    const input = byName('many defects in one link').input;
    const res = await request(httpOf(mock)).post('/_mock/doctor').type('form').send({ input });
    expect(res.status).toBe(200);
    const codes = [...res.text.matchAll(/data-testid="doctor-finding" data-code="(DLM-\d+)"/g)].map((m) => m[1]).sort();
    expect(codes).toEqual(['DLM-402', 'DLM-404', 'DLM-406', 'DLM-410', 'DLM-411']);
    expect(res.text).toContain('Open it with /embeds/dash.');
    expect(res.text).toContain('Embed setup: dcembdash0001');
    expect(res.text).toContain(escapeHtml(input));
  });

  it('POST with a valid link shows a clean verdict', async () => {
    const res = await request(httpOf(mock)).post('/_mock/doctor').type('form').send({ input: byName('valid dashboard link with a declared param and a tab').input });
    expect(res.text).toMatch(/data-testid="doctor-verdict">✔ no problems found; the emulator accepts this token/);
    expect(res.text).not.toContain('data-testid="doctor-finding"');
  });

  it('escapes everything taken from the input', async () => {
    const res = await request(httpOf(mock)).post('/_mock/doctor').type('form').send({ input: '<script>alert(1)</script>' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('data-code="DLM-002"');
  });
});

describe('POST /_mock/validate with the partner connectors module', () => {
  let partnerMock: MockApp;
  beforeAll(async () => {
    partnerMock = await corpusApp(corpus);
    const { ctx } = partnerMock;
    if (!ctx.partner) throw new Error('the emulator has no partner connectors module');
    await ctx.partner.ready;
    const [datalens, partner1] = [corpus.keys.datalens, corpus.keys.partner1];
    ctx.store.partner.addDatalensKey({ version: corpus.datalensKeyVersion, privateKey: datalens, publicKey: publicPem(datalens), createdAt: '2026-01-01T00:00:00Z' });
    ctx.partner.connectors.create({ title: 'Corpus connector', connectorId: 'dccorpusconn1', partnerKeys: [{ version: 1, publicKey: publicPem(partner1) }] });
  });
  afterAll(() => partnerMock.close());

  const validateHere = (input: string) => request(httpOf(partnerMock)).post('/_mock/validate').send({ input });

  it("checks a valid token with the emulator's own DataLens key and connectors, and names its db_name", async () => {
    const res = await validateHere(byName('valid partner token').input);
    expect(res.body.findings).toEqual([]);
    expect(res.body.summary).toContainEqual({ label: 'db_name', value: 'client_1234383' });
    expect(res.body.summary).toContainEqual({ label: 'Signature', value: 'valid: partner key version 1 of connector dccorpusconn1 "Corpus connector"' });
  });

  it.each(['unknown DataLens key version', 'unknown partner key version', 'signed by a key no connector has', 'payload without db_name'])('%s', async (name) => {
    const res = await validateHere(byName(name).input);
    expect(codesOf(res.body)).toEqual(byName(name).expect);
  });
});
