import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { createMockServer, type MockServer } from '../server.js';
import { loadAuthority, spkiSha256 } from './authority.js';
import { TlsAuthorityError } from './error.js';
import { CA_CERT_FILE, CA_KEY_FILE, certificateNames, TLS_DIR } from './index.js';

/** GET `path` over HTTPS, trusting only `ca`, and checking the certificate for `name`. */
function getAs(server: MockServer, name: string, ca: string, path = '/_mock/health'): Promise<{ status: number; peer: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        ca,
        // SNI must be a DNS name; IP names are only checked against the certificate.
        servername: /^[\d.:]+$/.test(name) ? undefined : name,
        headers: { host: name.includes(':') ? `[${name}]` : name },
        agent: false,
        checkServerIdentity: (_host, cert) => checkServerIdentity(name, cert),
      },
      (res) => {
        const peer = (res.socket as unknown as { getPeerCertificate(): PeerCertificate }).getPeerCertificate();
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, peer }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dlm-tls-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('createMockServer({tls: true})', () => {
  let dataDir: string;
  let server: MockServer;
  beforeAll(async () => {
    dataDir = tempDir();
    server = await createMockServer({ tls: true, dataDir, port: 0, quiet: true, allowedHosts: ['dl.test.internal'] });
  });
  afterAll(() => server.close());

  it('serves HTTPS and says where its CA is', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.tls?.caPath).toBe(join(dataDir, TLS_DIR, CA_CERT_FILE));
    expect(readFileSync(server.tls!.caPath, 'utf8')).toBe(server.tls!.caCert);
    expect(server.tls?.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it.each(['localhost', '127.0.0.1', '::1', ...PRODUCTION_HOSTS, 'dl.test.internal'])('has a certificate for %s that verifies against the CA', async (name) => {
    const { status, peer } = await getAs(server, name, server.tls!.caCert);
    expect(status).toBe(200);
    expect(peer.issuer.CN).toBe('datalens-mock local CA');
  });

  it('is refused for a name it does not cover, and by a client that does not trust the CA', async () => {
    await expect(getAs(server, 'datalens.yandex.ru', server.tls!.caCert)).rejects.toThrow(/Hostname\/IP does not match|altnames/);
    const otherCa = readFileSync(join(loadAuthorityDir(), CA_CERT_FILE), 'utf8');
    await expect(getAs(server, 'localhost', otherCa)).rejects.toThrow(/self-signed|unable to get local issuer|unable to verify/);
  });

  it('keeps its CA across restarts (the SPKI pin stays valid) and issues a new server certificate', async () => {
    const again = await createMockServer({ tls: true, dataDir, port: 0, quiet: true });
    try {
      expect(again.tls?.spkiSha256).toBe(server.tls?.spkiSha256);
      expect(again.tls?.caCert).toBe(server.tls?.caCert);
      const { status } = await getAs(again, 'datalens.yandex.cloud', server.tls!.caCert);
      expect(status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('pins the SPKI of the CA certificate it chains to', () => {
    const ca = new X509Certificate(server.tls!.caCert);
    expect(ca.ca).toBe(true);
    expect(spkiSha256(server.tls!.caCert)).toBe(server.tls!.spkiSha256);
  });
});

describe('an in-memory HTTPS emulator', () => {
  it('keeps its CA in a temporary folder, removed on close', async () => {
    const server = await createMockServer({ tls: true, inMemory: true, port: 0, quiet: true });
    const caPath = server.tls!.caPath;
    expect(caPath.startsWith(tmpdir())).toBe(true);
    expect((await getAs(server, 'localhost', server.tls!.caCert)).status).toBe(200);
    await server.close();
    expect(() => readFileSync(caPath)).toThrow(/ENOENT/);
  });
});

describe('a CA that cannot be used', () => {
  const tlsDir = (dataDir: string) => join(dataDir, TLS_DIR);

  it.each([
    ['an unreadable certificate', (d: string) => writeFileSync(join(d, CA_CERT_FILE), 'not a certificate'), /not a PEM certificate.*ca\.pem/s],
    ['a missing key', (d: string) => rmSync(join(d, CA_KEY_FILE)), /private key of the local CA cannot be read: ENOENT.*ca-key\.pem/s],
    ['a key of another CA', (d: string) => writeFileSync(join(d, CA_KEY_FILE), readFileSync(join(loadAuthorityDir(), CA_KEY_FILE))), /does not belong to the CA/],
  ])('is refused with a clear message: %s', async (_name, breakIt, message) => {
    const dataDir = tempDir();
    loadAuthority(tlsDir(dataDir));
    breakIt(tlsDir(dataDir));
    const start = createMockServer({ tls: true, dataDir, port: 0, quiet: true });
    await expect(start).rejects.toThrow(TlsAuthorityError);
    await expect(start).rejects.toThrow(message);
    await expect(start).rejects.toThrow(/--tls-renew/);
  });

  it('is refused when expired, and replaced only with tlsRenew', async () => {
    const dataDir = tempDir();
    const old = loadAuthority(tlsDir(dataDir), { now: new Date(Date.now() - 11 * 365 * 24 * 3600_000) });
    await expect(createMockServer({ tls: true, dataDir, port: 0, quiet: true })).rejects.toThrow(/The local CA expired on \d{4}-/);
    expect(readFileSync(join(tlsDir(dataDir), CA_CERT_FILE), 'utf8')).toBe(old.certPem);
    const renewed = await createMockServer({ tls: true, tlsRenew: true, dataDir, port: 0, quiet: true });
    try {
      expect(renewed.tls?.caCert).not.toBe(old.certPem);
      expect((await getAs(renewed, 'localhost', renewed.tls!.caCert)).status).toBe(200);
    } finally {
      await renewed.close();
    }
  });
});

function loadAuthorityDir(): string {
  const d = tempDir();
  loadAuthority(d);
  return d;
}

describe('certificateNames', () => {
  it.each([
    [undefined, [], ['localhost', '127.0.0.1', '::1', ...PRODUCTION_HOSTS]],
    ['0.0.0.0', ['A.example', ' '], ['localhost', '127.0.0.1', '::1', ...PRODUCTION_HOSTS, 'a.example']],
    ['192.168.1.5', [], ['localhost', '127.0.0.1', '::1', '192.168.1.5', ...PRODUCTION_HOSTS]],
    ['[::1]', [], ['localhost', '127.0.0.1', '::1', ...PRODUCTION_HOSTS]],
  ])('host %s, allowed hosts %j', (host, allowed, names) => {
    expect(certificateNames(host, allowed)).toEqual(names);
  });
});
