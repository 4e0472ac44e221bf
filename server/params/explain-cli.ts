// `datalens-mock explain FILE.yaml`: effective params of a repro under both precedence rules.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { explainRepro } from './explain.js';
import { renderExplain } from './explain-render.js';
import { parseRepro, ReproError } from './repro.js';

/** Exit codes: 0 explained (and every `expect` held), 1 an `expect` failed, 2 the file is unreadable or invalid. */
export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('Explain a parameter repro: effective params under signed-wins and unsigned-wins side by side, and why each value won.')
    .argument('<file>', 'a repro file (YAML or JSON): embed lists, token params, the link or its query, optionally a dashboard')
    .option('--json', 'print the full report as JSON')
    .addHelpText('after', '\nExamples (repro files ship in client-fixtures/repros/):\n  datalens-mock explain client-fixtures/repros/lock-chart-enable-all.yaml\n  datalens-mock explain my-bug.yaml --json\n')
    .action((file: string, o: { json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        return program.error(`error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { exitCode: 2 });
      }
      try {
        const report = explainRepro(parseRepro(text, file));
        process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderExplain(report, file));
        if (report.expectations.some((e) => !e.ok)) process.exitCode = 1;
      } catch (e) {
        if (e instanceof ReproError) return program.error(`error: ${e.message}`, { exitCode: 2 });
        throw e;
      }
    });
}
