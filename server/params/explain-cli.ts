// `datalens-mock explain FILE.yaml | NAME`: effective params of a repro under both precedence rules.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { REPROS_DIR, reproFile, shippedRepros } from './repros.js';

/**
 * `explain FILE | NAME`, or `explain --list`. Exit codes: 0 explained (and every `expect` held),
 * 1 an `expect` failed, 2 the file is unreadable or invalid.
 */
export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('Explain a parameter repro: effective params under signed-wins and unsigned-wins side by side, and why each value won.')
    .argument('[repro]', 'a repro file (YAML or JSON: embed lists, token params, the link or its query, optionally a dashboard), or the name of a shipped repro (see --list)')
    .option('--list', 'list the repros shipped with datalens-mock, by name')
    .option('--json', 'print the full report (or, with --list, the list) as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  datalens-mock explain --list\n  datalens-mock explain lock-chart-enable-all\n  datalens-mock explain my-bug.yaml --json\n\nShipped repros: ${REPROS_DIR}/ (copy one to start your own).\n`,
    )
    .action(async (arg: string | undefined, o: { json?: boolean; list?: boolean }) => {
      if (o.list) {
        const repros = shippedRepros();
        const width = Math.max(0, ...repros.map((r) => r.name.length));
        process.stdout.write(o.json ? `${JSON.stringify(repros, null, 2)}\n` : repros.map((r) => `${r.name.padEnd(width)}  ${r.title}\n`).join(''));
        return;
      }
      if (arg === undefined) return program.error('error: give a repro file or the name of a shipped repro (datalens-mock explain --list names them)', { exitCode: 2 });
      const file = reproFile(arg);
      if (file === undefined) {
        return program.error(`error: cannot read ${arg}: ENOENT; it is not the name of a shipped repro either (datalens-mock explain --list names them)`, { exitCode: 2 });
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        return program.error(`error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { exitCode: 2 });
      }
      // The engine and the repro schema load when a repro is explained: other commands never pay for them.
      const [{ explainRepro }, { renderExplain }, { parseRepro, ReproError }] = await Promise.all([import('./explain.js'), import('./explain-render.js'), import('./repro.js')]);
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
