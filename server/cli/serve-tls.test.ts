import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kill, runCli, serve } from '../testing/spawn.js';

const tmp = mkdtempSync(join(tmpdir(), 'dlm-cli-tls-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The status of GET /_mock/health over HTTPS as `name` (SNI and identity check), trusting only `ca`. */
function healthAs(url: string, name: string, ca: string): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/_mock/health', servername: name, ca, agent: false, headers: { host: name } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('serve --tls', () => {
  it('prints an https ready line, the CA path and its SPKI hash, and the CA verifies the certificate', async () => {
    const dataDir = join(tmp, 'ok');
    const s = await serve(['--tls', '--data-dir', dataDir]);
    try {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await new Promise((r) => setTimeout(r, 200));
      const caPath = /CA certificate: (\S+\.pem)/.exec(s.output())?.[1];
      expect(caPath).toBe(join(dataDir, 'tls', 'ca.pem'));
      expect(s.output()).toMatch(/CA SPKI sha256: [A-Za-z0-9+/]{43}=/);
      expect(s.output()).toMatch(/--host-resolver-rules="MAP datalens\.ru 127\.0\.0\.1:(\d+), MAP datalens\.yandex\.cloud 127\.0\.0\.1:\1, MAP api\.datalens\.tech 127\.0\.0\.1:\1"/);
      for (const name of ['datalens.ru', 'datalens.yandex.cloud', 'api.datalens.tech']) expect(await healthAs(s.url, name, readFileSync(caPath!, 'utf8'))).toBe(200);
    } finally {
      await kill(s.child, 'SIGTERM');
    }
  }, 30_000);

  it('refuses to start on a CA it cannot read, names the file, and replaces it only with --tls-renew', async () => {
    const dataDir = join(tmp, 'broken');
    const first = await serve(['--tls', '--data-dir', dataDir, '--quiet']);
    await kill(first.child, 'SIGTERM');
    writeFileSync(join(dataDir, 'tls', 'ca.pem'), 'garbage');
    const refused = await runCli(['serve', '--tls', '--data-dir', dataDir, '--port', '0']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/local CA certificate is not a PEM certificate.*tls\/ca\.pem.*--tls-renew/s);
    expect(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')).toBe('garbage');
    const renewed = await serve(['--tls', '--tls-renew', '--data-dir', dataDir, '--quiet']);
    try {
      expect(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    } finally {
      await kill(renewed.child, 'SIGTERM');
    }
  }, 30_000);

  it('--tls-renew needs --tls', async () => {
    const r = await runCli(['serve', '--tls-renew', '--in-memory', '--port', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--tls-renew replaces the CA of --tls; add --tls.');
  });

  it('--help documents --tls and --tls-renew', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.stdout).toContain('--tls ');
    expect(r.stdout).toContain('--tls-renew');
    expect(r.stdout).toContain('docs/production-app.md');
  });
});
