import { buildProgram } from './index.js';

/** Runs the command line (the entry of the bundled CLI; see server/launch.ts). */
export function main(argv: string[] = process.argv): void {
  buildProgram()
    .parseAsync(argv)
    .catch((e: unknown) => {
      process.stderr.write(`datalens-mock: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    });
}

main();
