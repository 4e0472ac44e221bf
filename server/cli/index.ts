import { Command } from 'commander';
import { registerDoctorCommand } from '../doctor/command.js';
import { packageVersion } from '../core/package-root.js';
import { registerPartnerCommands } from '../partner/cli.js';
import { registerExplainCommand } from '../params/explain-cli.js';
import { registerInitCommand } from './init.js';
import { registerServeCommand } from './serve.js';
import { registerTokenCommands } from './token.js';

/** The `datalens-mock` command line (README, "The command line"). Each domain registers its own commands. */
export function buildProgram(): Command {
  const program = new Command('datalens-mock')
    .description('Local emulator and validator of Yandex DataLens private embedding.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)');
  registerServeCommand(program);
  registerTokenCommands(program);
  registerPartnerCommands(program);
  registerExplainCommand(program);
  registerDoctorCommand(program);
  registerInitCommand(program);
  return program;
}
