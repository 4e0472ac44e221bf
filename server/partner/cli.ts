import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Command } from 'commander';
import { readPemArg } from '../core/args.js';
import { inspectAccessToken, type PartnerFinding, type PartnerTokenReport } from './inspect.js';
import { mintAccessToken } from './mint.js';

const VERSION_HELP = 'an integer, as text (the partner-connector guide uses "1")';

function parseKey<T>(pem: string, what: string, parse: (pem: string) => T, program: Command): T {
  try {
    return parse(pem);
  } catch (e) {
    return program.error(`error: ${what} is not a readable PEM key: ${(e as Error).message}.`);
  }
}

function print(report: PartnerTokenReport, out: (line: string) => void): void {
  if (report.parts) {
    const p = report.parts;
    out(`datalens_key_version  ${p.datalensKeyVersion}`);
    out(`partner_key_version   ${p.partnerKeyVersion}`);
    out(`encrypted_data        ${p.ciphertextBytes} bytes`);
    out(`signature             ${p.signatureBytes} bytes, ${report.signature}`);
  }
  if (report.payload !== undefined) out(`payload               ${JSON.stringify(report.payload)}`);
  if (report.dbName !== undefined) out(`db_name               ${report.dbName}`);
}

const printFinding = (f: PartnerFinding, out: (line: string) => void) => out(`${f.severity} ${f.code}: ${f.message}\n  hint: ${f.hint}`);

async function askServer(server: string, connectorId: string, token: string): Promise<{ keys: Map<number, KeyObject>; verdict: string; ok: boolean }> {
  const base = server.replace(/\/+$/, '');
  const keys = new Map<number, KeyObject>();
  const connector = await fetch(`${base}/_mock/partner/connectors/${encodeURIComponent(connectorId)}`);
  if (connector.ok) {
    const body = (await connector.json()) as { partnerKeys: { version: number; publicKey: string }[] };
    for (const k of body.partnerKeys) keys.set(k.version, createPublicKey(k.publicKey));
  }
  const res = await fetch(`${base}/_mock/partner/decrypt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ connectorId, token }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.ok) return { keys, ok: true, verdict: `accepted: db_name ${body.dbName} (DataLens key ${body.datalensKeyVersion}, partner key ${body.partnerKeyVersion})` };
  return { keys, ok: false, verdict: `rejected (${res.status}) ${body.code}: ${body.message}\n  hint: ${body.hint}` };
}

/** `partner-token` and `partner-decrypt` (docs/partner.md, "Reference"). */
export function registerPartnerCommands(program: Command): void {
  program
    .command('partner-token')
    .description("Print a partner access token, built exactly as the partner-connector guide's Python sample builds it.")
    .requiredOption('--datalens-public-key <pem>', 'the DataLens public key: a PEM file path or PEM text (GET /_mock/partner/datalens-keys)')
    .requiredOption('--partner-private-key <pem>', 'your RSA private key: a PEM file path or PEM text')
    .requiredOption('--db-name <name>', "the client's database name, encrypted as {\"db_name\": NAME}")
    .option('--datalens-key-version <v>', VERSION_HELP, '1')
    .option('--partner-key-version <v>', VERSION_HELP, '1')
    .addHelpText('after', '\nExample:\n  datalens-mock partner-token --datalens-public-key dl.pem --partner-private-key partner.pem --db-name client_1\n')
    .action((o) => {
      const datalensPublicKey = parseKey(readPemArg(o.datalensPublicKey, '--datalens-public-key'), '--datalens-public-key', createPublicKey, program);
      const partnerPrivateKey = parseKey(readPemArg(o.partnerPrivateKey, '--partner-private-key'), '--partner-private-key', createPrivateKey, program);
      const token = mintAccessToken({
        datalensPublicKey,
        partnerPrivateKey,
        dbName: o.dbName,
        datalensKeyVersion: o.datalensKeyVersion,
        partnerKeyVersion: o.partnerKeyVersion,
      });
      process.stdout.write(`${token}\n`);
    });

  program
    .command('partner-decrypt')
    .description('Explain a partner access token: its parts and versions, the signature verdict, the decrypted payload.')
    .argument('<token>', 'the access token')
    .option('--server <url>', 'ask a running emulator (with --connector)')
    .option('--connector <id>', 'the connectorId on that emulator')
    .option('--datalens-private-key <pem>', 'decrypt locally with this DataLens private key (PEM file path or text)')
    .option('--partner-public-key <pem>', 'check the signature locally with this partner public key (PEM file path or text)')
    .addHelpText('after', '\nExamples:\n  datalens-mock partner-decrypt "$TOKEN" --server http://127.0.0.1:8080 --connector abcdefghijklm\n  datalens-mock partner-decrypt "$TOKEN" --partner-public-key partner.pub.pem\n')
    .action(async (token: string, o) => {
      const out = (line: string) => process.stdout.write(`${line}\n`);
      if (o.server && !o.connector) program.error('error: --server needs --connector (the connectorId to decrypt for).');
      let server: Awaited<ReturnType<typeof askServer>> | undefined;
      if (o.server) {
        try {
          server = await askServer(o.server, o.connector, token);
        } catch (e) {
          program.error(`error: cannot reach ${o.server}: ${(e as Error).message}.`);
        }
      }
      const datalens = o.datalensPrivateKey
        ? parseKey(readPemArg(o.datalensPrivateKey, '--datalens-private-key'), '--datalens-private-key', createPrivateKey, program)
        : undefined;
      const partnerPub = o.partnerPublicKey
        ? parseKey(readPemArg(o.partnerPublicKey, '--partner-public-key'), '--partner-public-key', createPublicKey, program)
        : undefined;
      // A local public key applies to whatever version the token names.
      const version = Number(token.trim().split(':')[1]);
      const partnerKeys = partnerPub ? new Map([[version, partnerPub]]) : server?.keys.size ? server.keys : undefined;
      const report = inspectAccessToken(token, {
        partnerKeys,
        datalensKey: datalens && (() => datalens),
        decryptUnsigned: datalens !== undefined,
        // Whoever holds the DataLens private key can decrypt anyway: tell them exactly what is inside.
        explainPlaintext: datalens !== undefined,
      });
      print(report, out);
      if (server) out(`server                ${server.verdict}`);
      for (const f of report.findings) printFinding(f, out);
      const failed = report.findings.some((f) => f.severity === 'error') || (server !== undefined && !server.ok);
      if (failed) process.exitCode = 1;
    });
}
