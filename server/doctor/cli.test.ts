import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/index.js';
import { createMockServer, type MockServer } from '../server.js';
import { nowSec, payloadFor, signRaw } from '../testing/fixtures.js';
import { EXIT, runDoctor, type DoctorIo } from './cli.js';
import type { Report } from './report.js';
import { caseKey, loadCorpus } from './testing.js';

const corpus = loadCorpus();
const input = (name: string) => corpus.cases.find((c) => c.name === name)!.input;
/** Valid on the corpus emulator (its clock is pinned to the corpus clock). */
const VALID = input('valid chart token');
/** Offline runs use this machine's clock, so their tokens are minted now. */
const fresh = (extra: Record<string, unknown> = {}) => signRaw(payloadFor('dcembchart001', extra));
let EXPIRED: string;

/** Runs the doctor with captured output; `tty` pretends stdout is a terminal. */
async function doctor(arg: string, o: Parameters<typeof runDoctor>[1] = {}, io: Partial<DoctorIo> & { tty?: boolean } = {}) {
  let out = '';
  const code = await runDoctor(arg, o, {
    stdout: { write: (s: string) => (out += s), isTTY: io.tty ?? false },
    env: io.env ?? {},
    readStdin: io.readStdin ?? (async () => ''),
    fetch: io.fetch,
  });
  return { code, out, json: () => JSON.parse(out) as Report };
}
const codes = (r: Report) => r.findings.map((f) => f.code).sort();

let server: MockServer;
beforeAll(async () => {
  EXPIRED = await fresh({ iat: nowSec() - 400, exp: nowSec() - 100 });
  server = await createMockServer({ inMemory: true, quiet: true, seedData: corpus.seed, port: 0 });
  server.ctx.clock.set(corpus.clock);
});
afterAll(() => server.close());

describe('datalens-mock doctor, offline', () => {
  it('exits 0 with no finding for a valid token', async () => {
    const r = await doctor(await fresh());
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('✔ no problems found');
    expect(r.out).toContain('not checked: no server and no key');
  });

  it("measures expiry against this machine's clock", async () => {
    const r = await doctor(EXPIRED, { json: true });
    expect(r.code).toBe(EXIT.errors);
    expect(codes(r.json())).toEqual(['DLM-224']);
    expect(r.json().findings[0].message).toMatch(/expired 10\d s ago .*local clock/);
  });

  it('exits 1 and prints every finding with its fix for a broken token', async () => {
    const r = await doctor(input('many defects in one token'));
    expect(r.code).toBe(EXIT.errors);
    for (const code of ['DLM-110', 'DLM-211', 'DLM-226', 'DLM-231']) expect(r.out).toContain(code);
    expect(r.out).toContain('fix  DataLens accepts only PS256');
    expect(r.out).toMatch(/^datalens-mock doctor {2}✖ \d+ errors/);
  });

  it('checks a partner token offline: structure and sizes', async () => {
    expect((await doctor(input('valid partner token'))).code).toBe(EXIT.ok);
    expect(codes((await doctor(input('both base64 parts URL-safe: both reported'), { json: true })).json())).toEqual(['DLM-603', 'DLM-604']);
  });

  it('reads the input from stdin when it is "-"', async () => {
    const r = await doctor('-', { json: true }, { readStdin: async () => `${input('three parts')}\n` });
    expect(codes(r.json())).toEqual(['DLM-601']);
  });

  it('checks the signature with --key, and reports an unusable key', async () => {
    const { DEMO_PUBLIC_KEY } = await import('../testing/fixtures.js');
    expect((await doctor(await fresh(), { key: DEMO_PUBLIC_KEY })).out).toContain('valid with the key you gave');
    expect(codes((await doctor(await fresh(), { json: true, key: caseKey(corpus, 'embedB') })).json())).toEqual(['DLM-306']);
    const bad = await doctor(input('valid partner token'), { json: true, key: 'not a pem' });
    expect(bad.code).toBe(EXIT.errors);
    expect(codes(bad.json())).toEqual(['DLM-307']);
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const ESC = '\u001b[';
    expect((await doctor(EXPIRED, {}, { tty: true })).out).toContain(ESC);
    expect((await doctor(EXPIRED, {}, { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain(ESC);
    expect((await doctor(EXPIRED, {}, { tty: false })).out).not.toContain(ESC);
    expect((await doctor(EXPIRED, { json: true }, { tty: true })).out).not.toContain(ESC);
  });
});

describe('datalens-mock doctor --server', () => {
  it("runs inside the emulator: its embeds, keys, clock and the embed-setup audit", async () => {
    const r = await doctor(VALID, { server: server.url, json: true });
    expect(r.code).toBe(EXIT.ok);
    const report = r.json();
    expect(report.findings).toEqual([]);
    expect(report.outcome).toEqual({ accepted: true });
    expect(report.audit?.embedId).toBe('dcembchart001');
    expect(report.summary.find((f) => f.label === 'Clock')?.value).toContain('emulator clock, pinned');
  });

  it('names the key that signed a token when the embed key does not verify it', async () => {
    const r = await doctor(input("signed with another registered key (key B for an embed of key A)"), { server: `${server.url}/` });
    expect(r.code).toBe(EXIT.errors);
    expect(r.out).toContain('DLM-303');
    expect(r.out).toContain('signed with the key of secret dcsecretb0001 "Key B"');
  });

  it('sends only the public half of a private --key', async () => {
    let sent: { key?: string } = {};
    const spy: typeof fetch = async (url, init) => {
      sent = JSON.parse(String(init?.body));
      return fetch(url, init);
    };
    const r = await doctor(VALID, { server: server.url, json: true, key: caseKey(corpus, 'embedA:private') }, { fetch: spy });
    expect(r.code).toBe(EXIT.ok);
    expect(sent.key).toContain('BEGIN PUBLIC KEY');
    expect(sent.key).not.toContain('PRIVATE');
  });

  it('exits 2 with DLM-901 when the server cannot be reached, and still runs the offline checks', async () => {
    const refused: typeof fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    const r = await doctor(input('many defects in one token'), { server: 'http://127.0.0.1:9', json: true }, { fetch: refused });
    expect(r.code).toBe(EXIT.incomplete);
    const report = r.json();
    expect(report.findings[0]).toMatchObject({ code: 'DLM-901', severity: 'error' });
    expect(report.findings[0].message).toContain('ECONNREFUSED');
    expect(codes(report)).toContain('DLM-110');
  });

  it('exits 2 with DLM-902 when the server is not a datalens-mock', async () => {
    const foreign: typeof fetch = async () => new Response('<html>nginx</html>', { status: 404 });
    const r = await doctor(VALID, { server: 'http://example.invalid', json: true }, { fetch: foreign });
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.json().findings[0]).toMatchObject({ code: 'DLM-902' });
    expect(r.json().findings[0].message).toContain('answered 404');
  });
});

describe('the doctor command in the program', () => {
  const program = () => {
    const p = buildProgram().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    for (const c of p.commands) c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    return p;
  };

  it('is registered with its documented options', () => {
    const cmd = program().commands.find((c) => c.name() === 'doctor')!;
    expect(cmd.options.map((o) => o.long).sort()).toEqual(['--ca', '--clickhouse', '--database', '--json', '--key', '--server', '--template']);
  });

  it('refuses a --server that is not an http(s) URL', async () => {
    await expect(program().parseAsync(['node', 'datalens-mock', 'doctor', VALID, '--server', 'localhost:8080'])).rejects.toBeInstanceOf(CommanderError);
  });
});

// The built CLI end to end, when a build exists (npm run build); the tests above do not need it.
// Asynchronous on purpose: the emulator it calls runs in this process.
const BIN = join(import.meta.dirname, '../../dist/server/launch.js');
if (existsSync(join(import.meta.dirname, '../../dist/server/doctor/cli.js'))) {
  describe('the built binary', () => {
    it('datalens-mock doctor --server prints JSON and exits 0 for a valid token', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'doctor', VALID, '--server', server.url, '--json'], { timeout: 15_000 });
      expect(JSON.parse(stdout).findings).toEqual([]);
    });
  });
}
