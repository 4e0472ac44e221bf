import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.js';
import { errorMiddleware } from '../routes/errors.js';
import type { MockApp } from '../server.js';
import { makeApp } from '../testing/fixtures.js';
import { openAccessToken } from './access-token.js';
import { registerPartnerCommands } from './cli.js';
import { createPartnerService } from './service.js';
import { auditClickHouse } from '../doctor/clickhouse/audit.js';

const pem = (k: { export(o: object): string | Buffer }, type: 'spki' | 'pkcs8' | 'pkcs1') => k.export({ type, format: 'pem' }).toString();
const dl = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const partner = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const dir = mkdtempSync(join(tmpdir(), 'dlmock-cli-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

/** Runs the CLI in-process and returns what it printed and the exit code it set. */
async function cli(...args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('datalens-mock').exitOverride();
  registerPartnerCommands(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out, code };
}
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mint = (db: string, ...extra: string[]) =>
  cli('partner-token', '--datalens-public-key', file('dl.pub', pem(dl.publicKey, 'spki')), '--partner-private-key', pem(partner.privateKey, 'pkcs1'), '--db-name', db, ...extra);

describe('datalens-mock partner-token', () => {
  it('mints a token from PEM files or PEM text, with versions 1:1 by default', async () => {
    const { out } = await mint('client_1');
    const token = out.trim();
    expect(token).toMatch(/^1:1:[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/);
    expect(openAccessToken(token, { datalensKey: () => dl.privateKey, partnerKeys: new Map([[1, partner.publicKey]]) }).dbName).toBe('client_1');
  });

  it('puts the given versions first', async () => {
    const { out } = await mint('client_1', '--datalens-key-version', '4', '--partner-key-version', '7');
    expect(out.split(':').slice(0, 2)).toEqual(['4', '7']);
  });

  it('refuses a file that holds no key', async () => {
    await expect(cli('partner-token', '--datalens-public-key', file('junk.pem', 'junk'), '--partner-private-key', pem(partner.privateKey, 'pkcs8'), '--db-name', 'x')).rejects.toThrow(/not a readable PEM key/);
  });
});

describe('datalens-mock partner-decrypt, with local keys', () => {
  it('explains a good token and exits 0', async () => {
    const token = (await mint('client_1')).out.trim();
    const r = await cli('partner-decrypt', token, '--datalens-private-key', pem(dl.privateKey, 'pkcs8'), '--partner-public-key', pem(partner.publicKey, 'spki'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/datalens_key_version\s+1/);
    expect(r.out).toMatch(/signature\s+256 bytes, valid/);
    expect(r.out).toMatch(/db_name\s+client_1/);
  });

  it('decrypts without a partner key (you hold the DataLens key), with a warning', async () => {
    const token = (await mint('client_2')).out.trim();
    const r = await cli('partner-decrypt', token, '--datalens-private-key', file('dl.key', pem(dl.privateKey, 'pkcs8')));
    expect(r.out).toMatch(/db_name\s+client_2/);
    expect(r.out).toMatch(/warning PARTNER_SIGNATURE_UNCHECKED/);
    expect(r.code).toBe(0);
  });

  it('names the problem and exits 1', async () => {
    const r = await cli('partner-decrypt', '1:1:abc', '--partner-public-key', pem(partner.publicKey, 'spki'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error PARTNER_TOKEN_MALFORMED: .*\n  hint: /);
  });
});

describe('datalens-mock partner-decrypt --server', () => {
  let mock: MockApp;
  let server: Server;
  let url: string;
  let connectorId: string;
  let datalensPublicKey: string;
  beforeAll(async () => {
    mock = await makeApp();
    let app = mock.app;
    if (!mock.ctx.partner) {
      // Until server.ts wires partner connectors: the same wiring, here.
      mock.ctx.partner = createPartnerService(mock.ctx, auditClickHouse);
      app = express().use('/_mock/partner', mock.ctx.partner.router).use(createApp(mock.ctx)).use(errorMiddleware(() => undefined));
    }
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${url}/_mock/partner/connectors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'CLI', partnerKeys: [{ version: 1, publicKey: pem(partner.publicKey, 'spki') }] }),
    });
    connectorId = ((await res.json()) as { connectorId: string }).connectorId;
    datalensPublicKey = ((await (await fetch(`${url}/_mock/partner/datalens-keys`)).json()) as { keys: { publicKey: string }[] }).keys[0].publicKey;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await mock.close();
  });

  it("asks the emulator, and checks the signature with the connector's keys", async () => {
    const token = (await cli('partner-token', '--datalens-public-key', datalensPublicKey, '--partner-private-key', pem(partner.privateKey, 'pkcs8'), '--db-name', 'client_9')).out.trim();
    const r = await cli('partner-decrypt', token, '--server', url, '--connector', connectorId);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/signature\s+256 bytes, valid/);
    expect(r.out).toMatch(/server\s+accepted: db_name client_9 \(DataLens key 1, partner key 1\)/);
  });

  it('prints the rejection of the emulator and exits 1', async () => {
    const r = await cli('partner-decrypt', '1:5:AAAA:AAAA', '--server', url, '--connector', connectorId);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/server\s+rejected \(400\) PARTNER_UNKNOWN_PARTNER_KEY_VERSION/);
  });

  it('needs --connector with --server', async () => {
    await expect(cli('partner-decrypt', '1:1:AAAA:AAAA', '--server', url)).rejects.toThrow(/--server needs --connector/);
  });
});
