import { ClickHouseCluster, ClickHouseFailure } from '../../datasources/clickhouse/cluster.js';
import { stringLiteral } from '../../datasources/clickhouse/compile.js';
import { clickhouseTableColumns, prepareChartQuery } from '../../datasources/clickhouse/check.js';
import { columnsUsed } from '../../datasources/structured.js';
import { DEFAULT_USERNAME, redact, type ClickHouseTarget } from '../../datasources/clickhouse/target.js';
import { MockError } from '../../errors/catalogue.js';
import { newId } from '../../core/ids.js';
import type { AuditScope } from '../../partner/service.js';
import type { DashboardTemplate } from '../../partner/template.js';
import type { DlmCode } from '../codes/index.js';
import { Findings } from '../findings.js';
import { Summary, type Report } from '../report.js';
import { tablesRead } from './template.js';

export type { AuditScope };

const REACH: Partial<Record<ClickHouseFailure['kind'], DlmCode>> = { unreachable: 'DLM-701', timeout: 'DLM-702', auth: 'DLM-703' };
/** Server codes of a missing column (UNKNOWN_IDENTIFIER, NO_SUCH_COLUMN_IN_TABLE, NOT_FOUND_COLUMN_IN_BLOCK). */
const MISSING_COLUMN = new Set([47, 16, 10]);

/**
 * Audits a partner's ClickHouse setup as DataLens uses it: it connects (and tells wrong credentials
 * from an unreachable host), reads the user's `readonly` (exactly 2), probes that it cannot write,
 * then checks each client database and the template's tables and columns in each. The password
 * appears in no finding and no summary line.
 */
export async function auditClickHouse(target: ClickHouseTarget, scope: AuditScope = {}): Promise<Report> {
  const findings = new Findings();
  const summary = new Summary();
  const cluster = new ClickHouseCluster(target);
  const report = (): Report => ({ kind: 'clickhouse-cluster', ok: findings.errors === 0, findings: findings.list, summary: summary.facts });
  const said = (text: string) => redact(text, target);
  summary.add('ClickHouse', target.url);
  summary.add('User', `${target.username}${target.password ? ' (password given)' : ' (no password)'}`);
  try {
    try {
      summary.add('Version', await cluster.serverVersion());
    } catch (e) {
      if (!(e instanceof ClickHouseFailure)) throw e;
      const code = REACH[e.kind] ?? 'DLM-704';
      findings.add(code, { message: said(`${codeMessage(code)} ${e.message}`) });
      return report();
    }
    if (target.username !== DEFAULT_USERNAME) findings.add('DLM-714', { path: 'user' });

    const readonly = String((await cluster.query("SELECT value FROM system.settings WHERE name = 'readonly'")).data[0]?.[0] ?? '');
    summary.add('readonly', readonly || 'unknown');
    if (readonly === '0') findings.add('DLM-710', { path: 'user.readonly' });
    else if (readonly === '1') findings.add('DLM-711', { path: 'user.readonly' });

    const probe = `datalens_mock_write_probe_${newId()}`;
    try {
      await cluster.command(`CREATE DATABASE ${probe}`);
      findings.add('DLM-713', { path: 'user', message: `The user can write: the audit created the database ${probe} with it (and dropped it again).` });
      await cluster.command(`DROP DATABASE IF EXISTS ${probe}`);
    } catch (e) {
      // Only the server's own refusal proves the user cannot write; a lost connection goes to the handler below.
      if (!(e instanceof ClickHouseFailure) || e.serverCode === undefined) throw e;
      summary.add('Write probe', `refused (code ${e.serverCode})`);
    }

    const wanted = scope.databases ?? [];
    if (wanted.length === 0) {
      findings.add('DLM-721');
      return report();
    }
    const existing = new Set(await cluster.databases());
    const present = wanted.filter((db) => existing.has(db));
    for (const db of wanted) {
      if (!existing.has(db)) findings.add('DLM-720', { path: `databases.${db}`, message: `The client database ${JSON.stringify(db)} does not exist on the cluster.` });
    }
    summary.add('Client databases', `${present.length} of ${wanted.length} exist`);
    if (scope.template) await auditTemplate(cluster, scope.template, present, findings, said);
    return report();
  } catch (e) {
    if (e instanceof ClickHouseFailure) {
      findings.add(REACH[e.kind] ?? 'DLM-704', { message: said(`The audit stopped: ${e.message}`) });
      return report();
    }
    throw e;
  } finally {
    await cluster.close();
  }
}

const LEADS: Partial<Record<DlmCode, string>> = { 'DLM-701': 'Cannot reach the server:', 'DLM-702': 'No answer in time:', 'DLM-703': 'The server refuses the login:' };
const codeMessage = (code: DlmCode) => LEADS[code] ?? 'The server answered, but not as ClickHouse does:';

async function auditTemplate(
  cluster: ClickHouseCluster,
  template: DashboardTemplate,
  databases: string[],
  findings: Findings,
  said: (s: string) => string,
): Promise<void> {
  for (const db of databases) {
    const tables = new Set((await cluster.query(`SELECT name FROM system.tables WHERE database = ${stringLiteral(db)}`)).data.map((r) => String(r[0])));
    // One system.columns query per table of this database, however many charts read it.
    const columnsOf = new Map<string, Promise<Set<string>>>();
    const tableColumns = (table: string) => {
      let columns = columnsOf.get(table);
      if (!columns) columnsOf.set(table, (columns = clickhouseTableColumns(cluster, db, table).then((c) => new Set(c ?? []))));
      return columns;
    };
    for (const chart of template.charts) {
      const at = `dashboardTemplate.charts.${chart.key}`;
      if (chart.sql === undefined) {
        // A structured chart: its table and columns must exist in each client database.
        const q = chart.query!;
        const columns = tables.has(q.table) ? await tableColumns(q.table) : undefined;
        if (!columns) {
          findings.add('DLM-722', { path: `${at} @ ${db}`, message: `Template chart "${chart.key}" reads the table ${JSON.stringify(q.table)}, which the client database ${JSON.stringify(db)} does not have.` });
        }
        for (const c of columns ? columnsUsed(q).filter((x) => !columns.has(x)) : []) {
          findings.add('DLM-723', { path: `${at} @ ${db}`, message: `Template chart "${chart.key}" reads the column ${JSON.stringify(c)} of ${q.table}, which the client database ${JSON.stringify(db)} does not have.` });
        }
        continue;
      }
      const missing = tablesRead(chart.sql).filter((t) => !tables.has(t));
      for (const t of missing) {
        findings.add('DLM-722', { path: `${at} @ ${db}`, message: `Template chart "${chart.key}" reads the table ${JSON.stringify(t)}, which the client database ${JSON.stringify(db)} does not have.` });
      }
      if (missing.length) continue;
      try {
        const compiled = await prepareChartQuery(cluster, db, `SELECT * FROM (${chart.sql.replace(/;\s*$/, '')}) LIMIT 0`, chart.params ?? {});
        await cluster.query(compiled.sql, { database: db, queryParams: compiled.queryParams });
      } catch (e) {
        if (e instanceof MockError) {
          findings.add('DLM-725', { path: at, message: `Template chart "${chart.key}": ${e.message}` });
        } else if (e instanceof ClickHouseFailure && e.serverCode !== undefined && MISSING_COLUMN.has(e.serverCode)) {
          findings.add('DLM-723', { path: `${at} @ ${db}`, message: said(`Template chart "${chart.key}" reads a column the client database ${JSON.stringify(db)} does not have: ${e.message}`) });
        } else if (e instanceof ClickHouseFailure && e.kind === 'sql') {
          findings.add('DLM-724', { path: `${at} @ ${db}`, message: said(`Template chart "${chart.key}" fails on ${JSON.stringify(db)}: ${e.message}`) });
        } else throw e;
      }
    }
  }
}
