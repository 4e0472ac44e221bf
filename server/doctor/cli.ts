import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CA_CERT_IN_DATA_DIR, DEFAULTS } from '../core/config.js';
import { diagnose } from './engine.js';
import { offlineEnv } from './env.js';
import { finding } from './findings.js';
import { fetchTrusting, validateRemotely, type TrustedCa } from './remote.js';
import { renderHuman, useColor } from './render/human.js';
import type { Report } from './report.js';
import { diagnoseKey } from './token/key.js';

export interface DoctorCliOptions {
  /** Base URL of a running emulator: its embeds, keys and clock are used. */
  server?: string;
  /**
   * PEM of the CA to trust for an `https://` --server (`--ca FILE`); by default the CA of
   * `serve --tls` in the data dir of the working directory, when there is one.
   */
  ca?: string;
  /** PEM text of a key (public or private) to check the signature with. */
  key?: string;
  json?: boolean;
  /** `http(s)://USER:PASSWORD@HOST:PORT`: audit this ClickHouse cluster instead of an input. */
  clickhouse?: string;
  /** With `clickhouse`: client databases that must exist. */
  database?: string[];
  /** With `clickhouse`: a dashboardTemplate file whose tables and columns each database must have. */
  template?: string;
}

export interface DoctorIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Reads the input when it is given as `-`. */
  readStdin: () => Promise<string>;
  fetch?: typeof fetch;
  /** Where the default data dir is looked for (the working directory). */
  cwd?: string;
}

/** Exit codes: 0 no error, 1 the input has errors, 2 the doctor could not run what was asked. */
export const EXIT = { ok: 0, errors: 1, incomplete: 2 } as const;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

const processIo = (): DoctorIo => ({ stdout: process.stdout, env: process.env, readStdin: () => readAll(process.stdin) });

function withFinding(report: Report, f: ReturnType<typeof finding>): Report {
  const findings = [f, ...report.findings];
  return { ...report, findings, ok: !findings.some((x) => x.severity === 'error') };
}

/**
 * The CA to trust for `--server https://…`: `--ca`, else the local CA that `serve --tls` keeps in
 * the default data dir of the working directory (`.datalens-mock/tls/ca.pem`), when it exists.
 */
function emulatorCa(o: DoctorCliOptions, cwd: string): TrustedCa | undefined {
  if (o.ca) return { pem: o.ca, source: '--ca' };
  const path = join(cwd, DEFAULTS.dataDir, ...CA_CERT_IN_DATA_DIR);
  return existsSync(path) ? { pem: readFileSync(path, 'utf8'), source: path } : undefined;
}

/**
 * `datalens-mock doctor INPUT`: the engine offline, or inside the emulator given by --server.
 * A private --key never leaves this machine: only its public half is sent.
 */
export async function runDoctor(rawInput: string, o: DoctorCliOptions, io: DoctorIo = processIo()): Promise<number> {
  if (o.clickhouse) {
    const { auditFromCli } = await import('./clickhouse/cli.js');
    const audit = await auditFromCli({ clickhouse: o.clickhouse, database: o.database, template: o.template });
    io.stdout.write(o.json ? `${JSON.stringify(audit, null, 2)}\n` : renderHuman(audit, { color: useColor(io.stdout, io.env) }));
    return audit.ok ? EXIT.ok : EXIT.errors;
  }
  const input = rawInput === '-' ? await io.readStdin() : rawInput;
  // The key's mistakes are found here; only its public half (repaired where it could be) goes on.
  const key = o.key === undefined ? undefined : diagnoseKey(o.key, 'verify', 'key');
  const publicKey = key?.publicPem;

  let report: Report;
  let incomplete = false;
  if (o.server) {
    const ca = o.server.startsWith('https:') ? emulatorCa(o, io.cwd ?? process.cwd()) : undefined;
    const fetchImpl = io.fetch ?? (ca ? fetchTrusting(ca.pem) : fetch);
    const answer = await validateRemotely(o.server, { input, ...(publicKey && { key: publicKey }) }, fetchImpl, undefined, ca);
    if ('report' in answer) report = answer.report;
    else {
      incomplete = true;
      const f = finding(answer.problem, { message: `${finding(answer.problem).message} ${answer.detail}`, ...(answer.hint && { hint: answer.hint }) });
      report = withFinding(await diagnose(input, offlineEnv({ key: publicKey })), f);
    }
  } else {
    report = await diagnose(input, offlineEnv({ key: publicKey }));
  }
  for (const x of [...(key?.findings ?? [])].reverse()) report = withFinding(report, x);

  io.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderHuman(report, { color: useColor(io.stdout, io.env) }));
  if (incomplete) return EXIT.incomplete;
  return report.ok ? EXIT.ok : EXIT.errors;
}
