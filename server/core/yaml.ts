// YAML parsing, with the `yaml` package loaded on first use: a start whose seed is JSON or the
// demo never loads the parser (it is left out of the CLI bundle; see scripts/build.mjs).
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

/** The `yaml` package's `parse`: one YAML document to its JavaScript value. */
export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yaml.parse(text);
}
