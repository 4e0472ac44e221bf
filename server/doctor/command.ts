import { InvalidArgumentError, type Command } from 'commander';
import { readPemArg } from '../cli/options.js';
import { packageFile } from '../package-root.js';
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

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check an embed token, an embed link or a partner access token; print every problem with its fix.')
    .argument('<input>', 'the token, the whole link (quote it: it contains # and &), or - to read it from stdin')
    .option('--server <url>', 'a running emulator: check embedId, the signature and the embed setup against its state and clock', parseServer)
    .option('--key <pem>', 'check the signature with this key (public or private; PEM text or a file path)', (v) => readPemArg(v, '--key'))
    .option('--json', 'print the report as JSON (the same object POST /_mock/validate returns)')
    .addHelpText(
      'after',
      `
Exit codes: 0 no errors (warnings allowed), 1 the input has errors, 2 --server could not be used.
Colour only on a terminal; set NO_COLOR to turn it off. Codes: ${packageFile('docs/doctor.md')}

Examples:
  datalens-mock doctor "$TOKEN"
  datalens-mock doctor 'http://127.0.0.1:8080/embeds/dash?from=2024-01-01#dl_embed_token=eyJ…' --server http://127.0.0.1:8080
  pbpaste | datalens-mock doctor - --key key.pem --json
`,
    )
    .action(async (input: string, o: DoctorCliOptions) => {
      const { runDoctor } = await import('./cli.js');
      process.exitCode = await runDoctor(input, o);
    });
}
