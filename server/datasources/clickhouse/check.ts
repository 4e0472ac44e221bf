import { tokenize, type Token } from '../lexer.js';
import { checkStatement, lex } from '../statement.js';
import { supportsQueryParameters, type ClickHouseCluster } from './cluster.js';
import { compileClickHouse, stringLiteral, type CompiledQuery } from './compile.js';
import { checkHygiene, guardClickHouseSql } from './guard.js';
import { checkTouched, supportsExplainAst, touchedFromExplain, type ClickHouseParser } from './parser.js';

/**
 * The check of a chart's SQL on a ClickHouse connection, by server version:
 * - 20.6 and newer: the statement shape and the version-independent rules of the lexer, then
 *   the server's own parser (EXPLAIN AST of the exact text and params that will run) says which
 *   tables and functions the query touches: only the connection's database and the allowlists pass;
 * - older (18.16, 19.x, 20.1-20.5): the fail-closed lexer guard (server/datasources/clickhouse/guard.ts).
 */

/** The partner's server as a ClickHouseParser: EXPLAIN AST over HTTP, in the connection's database. */
export function serverParser(cluster: ClickHouseCluster, database: string): ClickHouseParser {
  return {
    async touches(sql, queryParams) {
      const r = await cluster.query(`EXPLAIN AST ${sql}`, { database, queryParams });
      return touchedFromExplain(r.data.map((row) => String(row[0])));
    },
  };
}

/**
 * Texts the server's parser already cleared, per cluster and database. What a text touches does not
 * depend on the values of its parameters (the author cannot write `{…}`, so the only parameters are
 * the emulator's own `Nullable(String)` and `Array(String)` values), so a dashboard's charts ask once.
 */
const cleared = new WeakMap<ClickHouseCluster, Set<string>>();
const MAX_CLEARED = 500;

async function checkWithParser(cluster: ClickHouseCluster, database: string, compiled: CompiledQuery, parser: ClickHouseParser): Promise<void> {
  let seen = cleared.get(cluster);
  if (!seen) cleared.set(cluster, (seen = new Set()));
  const key = `${database}\n${compiled.sql}`;
  if (seen.has(key)) return;
  checkTouched(await parser.touches(compiled.sql, compiled.queryParams), database);
  if (seen.size >= MAX_CLEARED) seen.delete(seen.values().next().value as string);
  seen.add(key);
}

/** The tokens up to a trailing `;` (the client adds FORMAT after the query). */
function withoutTrailingSemicolon(tokens: Token[]): Token[] {
  let end = tokens.length;
  while (end > 0 && (tokens[end - 1].kind === 'space' || tokens[end - 1].kind === 'comment')) end--;
  return tokens[end - 1]?.text === ';' ? tokens.slice(0, end - 1) : tokens;
}

/**
 * What can be checked without the server (a chart being created, a template being registered):
 * the statement shape, the guard with only the databases every cluster has, and dl_in's form.
 * The run checks again, with the server's parser or the cluster's own list of databases.
 */
export function checkClickHouseSql(sql: string, field = 'sql', ownDatabase = ''): void {
  const tokens = checkStatement(lex(sql, 'clickhouse', field), field);
  guardClickHouseSql(tokens, { ownDatabase, databases: [] }, field);
  compileClickHouse(tokenize(sql, 'clickhouse'), {}, 'literal');
}

/**
 * The checked, compiled form of a chart query for one client database. `parser` answers for
 * servers with EXPLAIN AST (the partner's server itself unless a test gives another).
 */
export async function prepareChartQuery(
  cluster: ClickHouseCluster,
  database: string,
  sql: string,
  params: Record<string, unknown>,
  parser: ClickHouseParser = serverParser(cluster, database),
): Promise<CompiledQuery> {
  const tokens = checkStatement(lex(sql, 'clickhouse'));
  const version = await cluster.serverVersion();
  if (supportsExplainAst(version)) {
    checkHygiene(tokens);
    const compiled = compileClickHouse(withoutTrailingSemicolon(tokenize(sql, 'clickhouse')), params, 'native');
    await checkWithParser(cluster, database, compiled, parser);
    return compiled;
  }
  guardClickHouseSql(tokens, { ownDatabase: database, databases: await cluster.databases() });
  return compileClickHouse(withoutTrailingSemicolon(tokenize(sql, 'clickhouse')), params, supportsQueryParameters(version) ? 'native' : 'literal');
}

/** The columns of one table of `database` (system.columns); undefined when it has none. */
export async function clickhouseTableColumns(cluster: ClickHouseCluster, database: string, table: string): Promise<string[] | undefined> {
  const r = await cluster.query(`SELECT name FROM system.columns WHERE database = ${stringLiteral(database)} AND table = ${stringLiteral(table)}`, { database });
  return r.data.length ? r.data.map((row) => String(row[0])) : undefined;
}
