import { InvalidArgumentError, type Command } from 'commander';
import { readPemArg } from '../core/args.js';
import { packageFile } from '../core/package-root.js';
import type { DoctorCliOptions } from './cli.js';

// The `doctor` command's definition only: the engine loads when the command runs, so that
// `serve` and `--help` do not pay for it.

function parseServer(v: string): string {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new InvalidArgumentError(`"${v}" is not a URL; give the emulator's base URL, e.g. http://127.0.0.1:8080.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`"${v}" is not an http(s) URL.`);
  return v.replace(/\/+$/, '');
}

/**
 * What is wrong with a `--clickhouse` value, in words that never repeat it (it carries the
 * password; commander's own argument errors would quote it).
 */
function clickHouseUrlProblem(v: string): string | undefined {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'error: --clickhouse is not a URL; give the HTTP interface as http(s)://USER:PASSWORD@HOST:PORT, e.g. http://datalens:PASSWORD@127.0.0.1:8123';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'error: --clickhouse must be http:// or https:// (the ClickHouse HTTP interface, port 8123 or 8443)';
  return undefined;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description("Check an embed token, an embed link, a partner access token or a host page's Content-Security-Policy, or audit a partner ClickHouse cluster; print every problem with its fix.")
    .argument('[input]', "the token, the whole link (quote it: it contains # and &), a host page's CSP (\"frame-src 'self' https://datalens.ru\"), or - to read it from stdin")
    .option('--server <url>', 'a running emulator: check embedId, the signature and the embed setup against its state and clock', parseServer)
    .option('--ca <file>', 'with an https:// --server: the CA to trust, the one serve --tls prints at start (default: .datalens-mock/tls/ca.pem when it exists)', (v) => readPemArg(v, '--ca'))
    .option('--key <pem>', 'check the signature with this key (public or private; PEM text or a file path)', (v) => readPemArg(v, '--key'))
    .option('--clickhouse <url>', "audit a partner's ClickHouse as DataLens uses it: http(s)://USER:PASSWORD@HOST:PORT of its HTTP interface")
    .option('--database <name>', 'with --clickhouse: a client database (a token\'s db_name) that must exist; repeat for several', (v: string, all: string[] = []) => [...all, v])
    .option('--template <file>', "with --clickhouse: the connector's dashboardTemplate (JSON or YAML, or a connector body): its tables and columns must exist in every --database")
    .option('--json', 'print the report as JSON (the same object POST /_mock/validate returns)')
    .addHelpText(
      'after',
      `
Exit codes: 0 no errors (warnings allowed), 1 the input (or the cluster) has errors, 2 --server could not be used.
An https:// --server (serve --tls) is trusted through its local CA: --ca FILE, or .datalens-mock/tls/ca.pem
of the working directory; the system's CAs are trusted too.
--clickhouse checks: it connects (wrong credentials are told apart from an unreachable host), the user's
readonly is exactly 2, the user cannot write, each --database exists, the --template tables and columns
exist in each. The password is never printed.
Colour only on a terminal; set NO_COLOR to turn it off. Codes: ${packageFile('docs/doctor.md')}

Examples:
  datalens-mock doctor "$TOKEN"
  datalens-mock doctor 'http://127.0.0.1:8080/embeds/dash?from=2024-01-01#dl_embed_token=eyJ…' --server http://127.0.0.1:8080
  datalens-mock doctor "$TOKEN" --server https://127.0.0.1:8443 --ca .datalens-mock/tls/ca.pem
  pbpaste | datalens-mock doctor - --key key.pem --json
  datalens-mock doctor --clickhouse "http://datalens:$PASSWORD@127.0.0.1:8123" --database client_1 --template connector.json
`,
    )
    .action(async (input: string | undefined, o: DoctorCliOptions) => {
      if (o.clickhouse ? input !== undefined : input === undefined) {
        program.error(o.clickhouse ? 'error: give either an input or --clickhouse, not both' : "error: missing required argument 'input' (or give --clickhouse URL)");
      }
      const problem = o.clickhouse === undefined ? undefined : clickHouseUrlProblem(o.clickhouse);
      if (problem) program.error(problem);
      const { runDoctor } = await import('./cli.js');
      process.exitCode = await runDoctor(input ?? '', o);
    });
}
