// `doctor --server https://…` against a real `serve --tls` (the built CLI in a child process): it
// trusts the emulator's local CA given with --ca or found in the working directory's data dir, and
// when it cannot, it says that the certificate is the cause and how to pass the CA.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_CERT_IN_DATA_DIR } from '../core/config.js';
import { payloadFor, signRaw } from '../testing/fixtures.js';
import { kill, runCli, serve, type Served } from '../testing/spawn.js';
import { EXIT, runDoctor } from './cli.js';
import type { Report } from './report.js';

const tmp = mkdtempSync(join(tmpdir(), 'dlm-doctor-tls-'));
/** The emulator's working directory: its data dir is the default one, `.datalens-mock`. */
const workdir = join(tmp, 'app');
const dataDir = join(workdir, '.datalens-mock');
const caPath = join(dataDir, 'tls', 'ca.pem');
let emulator: Served;
let other: Served;
let token: string;

beforeAll(async () => {
  mkdirSync(workdir, { recursive: true });
  // A second emulator with a CA of its own: trusting it must not make the first one trusted.
  [emulator, other] = await Promise.all([serve(['--tls', '--data-dir', dataDir, '--quiet']), serve(['--tls', '--data-dir', join(tmp, 'other'), '--quiet'])]);
  token = await signRaw(payloadFor('dcembchart001'));
}, 60_000);
afterAll(async () => {
  await Promise.all([emulator && kill(emulator.child, 'SIGTERM'), other && kill(other.child, 'SIGTERM')]);
  rmSync(tmp, { recursive: true, force: true });
});

async function doctor(o: { ca?: string; cwd: string }) {
  let out = '';
  const code = await runDoctor(token, { server: emulator.url, json: true, ...(o.ca && { ca: o.ca }) }, { stdout: { write: (s: string) => (out += s) }, env: {}, readStdin: async () => '', cwd: o.cwd });
  return { code, report: JSON.parse(out) as Report };
}

describe('doctor --server https:// (serve --tls)', () => {
  it('trusts the CA given with --ca and runs inside the emulator', async () => {
    const r = await doctor({ ca: readFileSync(caPath, 'utf8'), cwd: tmp });
    expect(r.report.findings.map((f) => f.code)).not.toContain('DLM-901');
    expect(r.code).not.toBe(EXIT.incomplete);
    // The emulator's own answer: its clock, not this machine's.
    expect(r.report.summary.find((f) => f.label === 'Clock')?.value).toMatch(/emulator clock/);
  });

  it("finds the CA itself in the working directory's data dir (.datalens-mock/tls/ca.pem)", async () => {
    const r = await doctor({ cwd: workdir });
    expect(r.report.findings.map((f) => f.code)).not.toContain('DLM-901');
    expect(r.code).not.toBe(EXIT.incomplete);
  });

  it('without the CA, names the certificate as the cause and says to pass --ca, not to start the server', async () => {
    const r = await doctor({ cwd: tmp });
    expect(r.code).toBe(EXIT.incomplete);
    const [f] = r.report.findings;
    expect(f.code).toBe('DLM-901');
    expect(f.message).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    expect(f.message).toContain('signed by a CA this machine does not trust');
    expect(f.hint).toContain('--ca');
    expect(f.hint).toContain('tls/ca.pem');
    expect(f.hint).not.toMatch(/^Start/);
  });

  it("with another emulator's CA, says that this CA did not sign the certificate", async () => {
    const r = await doctor({ ca: readFileSync(join(tmp, 'other', 'tls', 'ca.pem'), 'utf8'), cwd: tmp });
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.report.findings[0].hint).toMatch(/The CA the doctor trusted \(--ca\) did not sign this certificate/);
  });

  it("looks for the CA where serve --tls keeps it (the doctor's path agrees with server/tls)", async () => {
    const { TLS_DIR, CA_CERT_FILE } = await import('../tls/index.js');
    expect(join(dataDir, ...CA_CERT_IN_DATA_DIR)).toBe(join(dataDir, TLS_DIR, CA_CERT_FILE));
  });

  it('the built binary takes --ca as a file path', async () => {
    const r = await runCli(['doctor', token, '--server', emulator.url, '--ca', caPath, '--json']);
    expect(r.code, r.stderr).not.toBe(EXIT.incomplete);
    expect((JSON.parse(r.stdout) as Report).findings.map((f) => f.code)).not.toContain('DLM-901');
  }, 30_000);

  it('a refused connection still says to start the emulator', async () => {
    // A port that was free a moment ago (fetch refuses "bad ports" such as 9 before connecting).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const gone = `https://127.0.0.1:${port}`;
    let out = '';
    const code = await runDoctor(token, { server: gone, json: true }, { stdout: { write: (s: string) => (out += s) }, env: {}, readStdin: async () => '', cwd: tmp });
    expect(code).toBe(EXIT.incomplete);
    const [f] = (JSON.parse(out) as Report).findings;
    expect(f.message).toContain('ECONNREFUSED');
    expect(f.hint).toMatch(/start the emulator/);
  });
});
