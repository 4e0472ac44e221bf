import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { CA_DAYS, isPermitted, loadAuthority, newKeyPair, readPermitted, serialNumber } from './authority.js';
import { issueServerCertificate } from './certificate.js';
import { CA_CERT_FILE, CA_KEY_FILE, certificateNames } from './index.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dlm-ca-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const NAMES = certificateNames('127.0.0.1', ['dl.test.internal']);

describe('the local CA', () => {
  const lines: string[] = [];
  const ca = loadAuthority(tempDir(), { names: NAMES, log: (m) => lines.push(m) });

  it('is valid for about a year', () => {
    const x = new X509Certificate(ca.certPem);
    const days = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(CA_DAYS);
    expect(days).toBeLessThanOrEqual(CA_DAYS + 2);
    expect(x.ca).toBe(true);
  });

  it('carries critical name constraints: loopback, the production hosts, the allowed hosts', () => {
    const ext = ca.cert.extensions.find((e: { id?: string }) => e.id === '2.5.29.30') as { critical?: boolean };
    expect(ext.critical).toBe(true);
    const permitted = readPermitted(forge.pki.certificateFromPem(ca.certPem))!;
    const shown = permitted.map((p) => ('dns' in p ? p.dns : `${p.ip.toString('hex')}/${p.mask.toString('hex')}`));
    expect(shown).toEqual(['localhost', '7f000000/ff000000', `${'0'.repeat(31)}1/${'f'.repeat(32)}`, ...PRODUCTION_HOSTS, 'dl.test.internal']);
    expect(lines).toEqual([]);
  });

  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['datalens.yandex.cloud', true],
    ['dl.test.internal', true],
    ['example.com', false],
    ['evil-localhost', false],
    ['10.0.0.1', false],
    ['::2', false],
    ['datalens.yandex.ru', false],
  ])('permits %s: %s', (name, expected) => {
    expect(isPermitted(name, readPermitted(ca.cert)!)).toBe(expected);
  });
});

/** Serves `cert` on 127.0.0.1 and connects as `name`, trusting only `caPem`: Node's (OpenSSL's) verdict. */
async function verdict(cert: { key: string; cert: string }, name: string, caPem: string): Promise<string> {
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, ca: caPem, servername: name, agent: false, checkServerIdentity: () => undefined }, (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      });
      req.on('error', (e) => resolve(`${(e as NodeJS.ErrnoException).code}: ${e.message}`));
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('what trusting the CA means, as Node verifies it', () => {
  const ca = loadAuthority(tempDir(), { names: NAMES });

  it('a certificate it issues for a permitted name verifies', async () => {
    expect(await verdict(issueServerCertificate(ca, ['localhost']), 'localhost', ca.certPem)).toBe('status 200');
  });

  it('a certificate it issues for any other name is refused, even by a client that trusts the CA', async () => {
    // What someone holding the CA key could try: a certificate for a real site.
    // OpenSSL's X509_V_ERR_PERMITTED_VIOLATION (Node names its code UNSPECIFIED).
    expect(await verdict(issueServerCertificate(ca, ['bank.example']), 'bank.example', ca.certPem)).toBe('UNSPECIFIED: permitted subtree violation');
    expect(await verdict(issueServerCertificate(ca, ['10.0.0.1']), '10.0.0.1', ca.certPem)).toBe('UNSPECIFIED: permitted subtree violation');
  });

  it('the same certificate from a CA as older versions made it (no constraints) verifies: what the constraints prevent', async () => {
    const dir = tempDir();
    const oldPem = writeOldCa(dir);
    const oldKey = forge.pki.privateKeyFromPem(readFileSync(join(dir, CA_KEY_FILE), 'utf8')) as forge.pki.rsa.PrivateKey;
    const unconstrained = { certPem: oldPem, certPath: join(dir, CA_CERT_FILE), cert: forge.pki.certificateFromPem(oldPem), key: oldKey, spkiSha256: '' };
    expect(await verdict(issueServerCertificate(unconstrained, ['bank.example']), 'bank.example', oldPem)).toBe('status 200');
  });
});

/** A CA as versions before this one made it: ten years, no name constraints. */
function writeOldCa(dir: string): string {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: 'datalens-mock local CA' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, critical: true }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  writeFileSync(join(dir, CA_CERT_FILE), pem);
  writeFileSync(join(dir, CA_KEY_FILE), forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
  return pem;
}

describe('a CA made by an older version', () => {
  it('ten years without name constraints: replaced at start, with a line saying what to do', () => {
    const dir = tempDir();
    const oldPem = writeOldCa(dir);
    const oldKey = readFileSync(join(dir, CA_KEY_FILE), 'utf8');
    const lines: string[] = [];
    const ca = loadAuthority(dir, { names: NAMES, log: (m) => lines.push(m) });
    expect(ca.certPem).not.toBe(oldPem);
    expect(readFileSync(join(dir, CA_KEY_FILE), 'utf8')).not.toBe(oldKey);
    expect(readPermitted(ca.cert)).toBeDefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/replaced the local CA .*ca\.pem because it has no name constraints/);
    expect(lines[0]).toMatch(/Remove the old "datalens-mock local CA" .* trust the new ca\.pem/);
    expect(statSync(join(dir, CA_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a CA that does not cover a newly allowed host is replaced; one that does is kept', () => {
    const dir = tempDir();
    const first = loadAuthority(dir, { names: NAMES });
    const lines: string[] = [];
    expect(loadAuthority(dir, { names: certificateNames(undefined, []), log: (m) => lines.push(m) }).certPem).toBe(first.certPem);
    const wider = loadAuthority(dir, { names: certificateNames(undefined, ['new.example']), log: (m) => lines.push(m) });
    expect(wider.certPem).not.toBe(first.certPem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('because it does not cover new.example');
  });
});
