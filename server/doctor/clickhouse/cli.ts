import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { parseYaml } from '../../core/yaml.js';
import { parseTarget } from '../../datasources/clickhouse/target.js';
import { dashboardTemplate, type DashboardTemplate } from '../../partner/template.js';
import type { Report } from '../report.js';
import { auditClickHouse } from './audit.js';

/** `--template FILE`: a dashboardTemplate, or a connector body (JSON or YAML) that has one. */
export function readTemplateFile(path: string): DashboardTemplate {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InvalidArgumentError(`"${path}" cannot be read as JSON or YAML: ${(e as Error).message}`);
  }
  const candidate = raw && typeof raw === 'object' && 'dashboardTemplate' in raw ? (raw as { dashboardTemplate: unknown }).dashboardTemplate : raw;
  const parsed = dashboardTemplate.safeParse(candidate);
  if (!parsed.success) throw new InvalidArgumentError(`"${path}" is not a dashboardTemplate: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The audit behind `doctor --clickhouse URL [--database NAME]... [--template FILE]`. */
export function auditFromCli(o: { clickhouse: string; database?: string[]; template?: string }): Promise<Report> {
  return auditClickHouse(parseTarget({ url: o.clickhouse }), {
    databases: o.database ?? [],
    ...(o.template && { template: readTemplateFile(o.template) }),
  });
}
