// The repros shipped with the package (client-fixtures/repros/*.yaml), by name: what
// `datalens-mock explain NAME` and `explain --list` use from any project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseYaml } from '../core/yaml.js';
import { packageFile } from '../core/package-root.js';

export const REPROS_DIR = packageFile('client-fixtures/repros');

/** A shipped repro's name is its file name without `.yaml`. */
const REPRO_NAME = /^[a-z0-9][a-z0-9-]*$/;

export interface ShippedRepro {
  name: string;
  title: string;
  file: string;
}

export function shippedRepros(dir: string = REPROS_DIR): ShippedRepro[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const title = (parseYaml(readFileSync(file, 'utf8')) as { title?: unknown } | null)?.title;
      return { name: basename(f, '.yaml'), title: typeof title === 'string' ? title : '', file };
    });
}

/**
 * The file `explain` reads for its argument: the path itself when it exists, else the shipped repro
 * of that name. Undefined when it is neither.
 */
export function reproFile(arg: string, dir: string = REPROS_DIR): string | undefined {
  if (existsSync(arg)) return arg;
  if (!REPRO_NAME.test(arg)) return undefined;
  const shipped = join(dir, `${arg}.yaml`);
  return existsSync(shipped) ? shipped : undefined;
}
