import { get } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PRIVATE_KEY } from '../testing/fixtures.js';
import { kill, runCli, serve } from '../testing/spawn.js';

const tmp = mkdtempSync(join(tmpdir(), 'dlm-cli-'));
const keyFile = join(tmp, 'key.pem');
writeFileSync(keyFile, DEMO_PRIVATE_KEY);

describe('datalens-mock CLI', () => {
  it('--help lists the commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'token', 'keygen']) expect(r.stdout).toContain(c);
  });

  it('serve --help documents every flag of the README option table', async () => {
    const r = await runCli(['serve', '--help']);
    for (const f of ['--port', '--host', '--data-dir', '--in-memory', '--seed', '--demo', '--precedence', '--api-prefix', '--strict', '--lenient', '--allowed-hosts', '--strict-iat', '--allow-remote-admin', '--legacy-host-direct']) {
      expect(r.stdout).toContain(f);
    }
  });

  it('serve --allowed-hosts answers those names and refuses others; --strict-iat turns strictIat on; --strict is opt-in; --embed-query-limit sets the meter', async () => {
    const s = await serve(['--in-memory', '--allowed-hosts', 'my-app.test,.corp.test', '--strict-iat', '--strict', '--embed-query-limit', '2000']);
    try {
      const statusFor = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const u = new URL(`${s.url}/_mock/health`);
          get({ hostname: u.hostname, port: u.port, path: u.pathname, headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject);
        });
      expect(await statusFor('my-app.test')).toBe(200);
      expect(await statusFor('x.corp.test:8080')).toBe(200);
      expect(await statusFor('attacker.example')).toBe(403);
      const settings = (await (await fetch(`${s.url}/_mock/settings`)).json()) as { strictIat: boolean; strict: boolean; embedQueryLimit: number | null };
      expect(settings).toMatchObject({ strictIat: true, strict: true, embedQueryLimit: 2000 });
    } finally {
      await kill(s.child, 'SIGTERM');
    }
    const plain = await serve(['--in-memory']);
    try {
      expect((await (await fetch(`${plain.url}/_mock/settings`)).json()) as object).toMatchObject({ strictIat: false, strict: false });
    } finally {
      await kill(plain.child, 'SIGTERM');
    }
    expect((await runCli(['serve', '--allowed-hosts', 'a b'])).stderr).toMatch(/not a host name/);
    expect((await runCli(['serve', '--embed-query-limit', '-3'])).stderr).toMatch(/not a number of queries a month/);
  }, 30_000);

  it('serve redirects the legacy host to datalens.ru; --legacy-host-direct serves it directly', async () => {
    const statusFor = (url: string) =>
      new Promise<{ status: number; location?: string }>((resolve, reject) => {
        const u = new URL(`${url}/embeds/dash?a=1`);
        get({ hostname: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { host: 'datalens.yandex.cloud' } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        }).on('error', reject);
      });
    for (const [args, expected] of [
      [[], { status: 302, location: 'https://datalens.ru/embeds/dash?a=1' }],
      [['--legacy-host-direct'], { status: 200, location: undefined }],
    ] as const) {
      const s = await serve(['--in-memory', ...args]);
      try {
        expect(await statusFor(s.url)).toEqual(expected);
      } finally {
        await kill(s.child, 'SIGTERM');
      }
    }
  }, 30_000);

  it('token prints a PS256 JWT shaped like the official samples', async () => {
    const r = await runCli(['token', '--key', keyFile, '--embed-id', 'abcdefghijklm', '--ttl', '600', '--param', 'region=North', '--param', 'tag=a', '--param', 'tag=b']);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'PS256', typ: 'JWT' });
    const p = decodeJwt(token);
    expect(p).toMatchObject({ embedId: 'abcdefghijklm', dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK', params: { region: 'North', tag: ['a', 'b'] } });
    expect((p.exp as number) - (p.iat as number)).toBe(600);
  });

  it('token with a missing key file names the problem', async () => {
    const r = await runCli(['token', '--key', join(tmp, 'nope.pem'), '--embed-id', 'abcdefghijklm']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--key: .*nope\.pem.*neither PEM text nor a readable file/);
  });

  it('token with a malformed --param names it', async () => {
    const r = await runCli(['token', '--key', keyFile, '--embed-id', 'abcdefghijklm', '--param', 'oops']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('"oops" is not name=value');
  });

  it('keygen prints an RSA-2048 pair', async () => {
    const r = await runCli(['keygen', '--json']);
    const pair = JSON.parse(r.stdout);
    const { createPublicKey } = await import('node:crypto');
    const key = createPublicKey(pair.publicKey);
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    // PKCS#1, as DataLens hands it out; the public key SPKI.
    expect(pair.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(pair.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const pkcs1 = join(tmp, 'pkcs1.pem');
    writeFileSync(pkcs1, pair.privateKey);
    // --public-of prints the public key of a private key file, PKCS#1 or PKCS#8.
    expect((await runCli(['keygen', '--public-of', pkcs1])).stdout).toBe(pair.publicKey);
    const ofPkcs8 = await runCli(['keygen', '--public-of', keyFile, '--json']);
    expect(JSON.parse(ofPkcs8.stdout).publicKey).toBe(createPublicKey(DEMO_PRIVATE_KEY).export({ type: 'spki', format: 'pem' }).toString());
    // A PKCS#1 key signs with token --key.
    const t = await runCli(['token', '--key', pkcs1, '--embed-id', 'abcdefghijklm']);
    expect(t.code).toBe(0);
    expect(decodeProtectedHeader(t.stdout.trim()).alg).toBe('PS256');
  });

  it('keygen --public-of and token --key name the key mistake and its fix', async () => {
    const pub = join(tmp, 'pub.pem');
    writeFileSync(pub, (await runCli(['keygen', '--public-of', keyFile])).stdout);
    const ofPublic = await runCli(['keygen', '--public-of', pub]);
    expect(ofPublic.code).not.toBe(0);
    expect(ofPublic.stderr).toMatch(/is a PUBLIC key; signing needs the private key/);
    const escaped = join(tmp, 'escaped.pem');
    writeFileSync(escaped, DEMO_PRIVATE_KEY.trim().replace(/\n/g, '\\n'));
    const t = await runCli(['token', '--key', escaped, '--embed-id', 'abcdefghijklm']);
    expect(t.code).not.toBe(0);
    expect(t.stderr).toMatch(/literal backslash-n.*replace/);
    const id = await runCli(['token', '--key', '7ksk3f9x2b1qa', '--embed-id', 'abcdefghijklm']);
    expect(id.stderr).toMatch(/13-character DataLens object id .*not a key.*createEmbeddingSecret/);
  });

  it('serve with a bad seed fails with the path of the problem, before listening', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'workbooks:\n  - title: x\n    charts:\n      - title: c\n        visualization: donut\n');
    const r = await runCli(['serve', '--in-memory', '--port', '0', '--seed', bad]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/workbooks\[0\]\.charts\[0\]\.visualization/);
  });

  it('serve refuses an invalid --precedence and port', async () => {
    expect((await runCli(['serve', '--precedence', 'latest'])).stderr).toMatch(/Allowed choices are signed-wins, unsigned-wins, by-date/);
    expect((await runCli(['serve', '--port', 'abc'])).stderr).toMatch(/not a port number/);
  });

  it('serve --demo prints the ready line, then embed links that work', async () => {
    const s = await serve(['--in-memory', '--demo']);
    try {
      // The links follow the ready line once minted: wait for them (a loaded machine takes longer than 300 ms).
      const found = () => s.output().match(/http:\/\/\S+#dl_embed_token=\S+/g) ?? [];
      for (let i = 0; i < 100 && !s.output().includes('/_mock/demo'); i++) await new Promise((r) => setTimeout(r, 100));
      const links = found();
      expect(links.length).toBeGreaterThanOrEqual(4);
      for (const link of links) {
        const url = new URL(link);
        const token = url.hash.slice('#dl_embed_token='.length);
        const page = await fetch(`${url.origin}${url.pathname}${url.search}`);
        expect(page.status).toBe(200);
        const isDash = url.pathname.endsWith('/dash');
        const res = isDash
          ? await fetch(`${url.origin}/api/embedded-entry`, { headers: { 'x-dl-embed-token': token } })
          : await fetch(`${url.origin}/api/run`, { method: 'POST', headers: { 'x-dl-embed-token': token, 'content-type': 'application/json' }, body: '{}' });
        expect(res.status, link).toBe(200);
      }
      const health = await fetch(`${s.url}/_mock/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
    } finally {
      await kill(s.child, 'SIGTERM');
    }
  }, 30_000);
});
