// Interop with the partner-connector guide's own Python code (package `cryptography`, run by python3): a partner who
// follows the DataLens docs to the letter must be accepted, and what the emulator mints must be
// what that code mints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import forge from 'node-forge';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { errorMiddleware } from '../routes/errors.js';
import type { MockApp } from '../server.js';
import { IDS, makeApp, systemPython } from '../testing/fixtures.js';
import { mintAccessToken } from './mint.js';
import { pythonJsonDumps } from './payload.js';
import { decryptPkcs1v15 } from './rsa.js';
import { partnerRpcMethods } from './rpc.js';
import { createPartnerService, type PartnerService } from './service.js';
import { auditClickHouse } from '../doctor/clickhouse/audit.js';
import type { Report } from '../doctor/report.js';

const SCRIPT = join(import.meta.dirname, '../../scripts/mint-partner-token.py');
const python = (args: string[], input?: string) => execFileSync(systemPython(), args, { encoding: 'utf8', input }).trim();

const dir = mkdtempSync(join(tmpdir(), 'dlmock-python-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

let mock: MockApp;
let partner: PartnerService<Report>;
let app: express.Express;
let partnerKeys: { private_pem: string; public_pem: string };
let connectorId: string;
let datalensPublicPem: string;

beforeAll(async () => {
  mock = await makeApp();
  partner = mock.ctx.partner ?? createPartnerService(mock.ctx, auditClickHouse);
  app = mock.app;
  if (!mock.ctx.partner) {
    // Until server.ts wires partner connectors: the same wiring, here.
    mock.ctx.partner = partner;
    Object.assign(mock.ctx.rpcMethods, partnerRpcMethods);
    app = express().use('/_mock/partner', partner.router).use(createApp(mock.ctx)).use(errorMiddleware(() => undefined));
  }
  // The partner's side: the guide's key-pair code.
  partnerKeys = JSON.parse(python([SCRIPT, 'keygen']));
  const created = await request(app)
    .post('/_mock/partner/connectors')
    .send({ title: 'Python partner', partnerKeys: [{ version: 1, publicKey: partnerKeys.public_pem }] });
  connectorId = created.body.connectorId;
  datalensPublicPem = (await request(app).get('/_mock/partner/datalens-keys')).body.keys[0].publicKey;
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const pythonToken = (db: string) =>
  python([SCRIPT, 'token', file('dl.pem', datalensPublicPem), file('partner.pem', partnerKeys.private_pem), db]);

describe("tokens minted by the partner-connector guide's Python code", () => {
  it('use the guide formats: a TraditionalOpenSSL private key, an SPKI public key', () => {
    expect(partnerKeys.private_pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(partnerKeys.public_pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('are accepted by createConnection, which returns their dbName', async () => {
    const res = await request(app)
      .post('/rpc/createConnection')
      .send({ workbookId: IDS.workbook, type: 'partner', connectorId, token: pythonToken('client_1234383') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dbName: 'client_1234383', connectionId: expect.stringMatching(/^[0-9a-z]{13}$/) });
  });

  it('decrypt to the same bytes with the fast path and with node-forge', async () => {
    await partner.ready;
    const privatePem = partner.keyring.privateKey(1)!.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forgeKey = forge.pki.privateKeyFromPem(privatePem);
    for (const db of ['db_name_123', 'client-7', 'x']) {
      const c = Buffer.from(pythonToken(db).split(':')[2], 'base64');
      const ours = decryptPkcs1v15(partner.keyring.privateKey(1)!, c);
      expect(ours?.toString()).toBe(`{"db_name": "${db}"}`);
      expect(Buffer.from(forgeKey.decrypt(c.toString('binary'), 'RSAES-PKCS1-V1_5'), 'binary')).toEqual(ours);
    }
  });
});

describe("the emulator's minting, checked by Python's cryptography", () => {
  it('is verified and decrypted by the guide primitives (PKCS1v15 + SHA1, PKCS1v15)', async () => {
    await partner.ready;
    const datalensPrivatePem = partner.keyring.privateKey(1)!.export({ type: 'pkcs8', format: 'pem' }).toString();
    const token = mintAccessToken({ datalensPublicKey: datalensPublicPem, partnerPrivateKey: partnerKeys.private_pem, dbName: 'client_ü', partnerKeyVersion: '3' });
    const check = `
import sys
from base64 import b64decode
from cryptography.hazmat.primitives import serialization, hashes
from cryptography.hazmat.primitives.asymmetric import padding
dl_version, partner_version, enc, sig = sys.stdin.read().strip().split(':')
partner_public = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
partner_public.verify(b64decode(sig, validate=True), b64decode(enc, validate=True), padding.PKCS1v15(), hashes.SHA1())
dl_private = serialization.load_pem_private_key(open(sys.argv[2], 'rb').read(), password=None)
print(dl_version, partner_version, dl_private.decrypt(b64decode(enc), padding.PKCS1v15()).decode())
`;
    const out = python(['-c', check, file('p.pub', partnerKeys.public_pem), file('dl.key', datalensPrivatePem)], token);
    expect(out).toBe('1 3 {"db_name": "client_\\u00fc"}');
  });

  it('encodes the payload byte for byte as json.dumps', () => {
    const names = ['db_name_123', 'кириллица', 'tab\t"quote"\\', '😀 emoji', '\u007f'];
    const out = python(['-c', 'import json,sys\nfor n in json.load(sys.stdin): print(json.dumps({"db_name": n}))'], JSON.stringify(names));
    expect(out.split('\n')).toEqual(names.map((n) => pythonJsonDumps({ db_name: n })));
  });
});
