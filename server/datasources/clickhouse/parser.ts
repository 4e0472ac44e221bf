import { MockError } from '../../errors/catalogue.js';
import { AstError, parseAst, touchedBy, type Touched } from './ast.js';
import { isAllowedFunction, isAllowedTableFunction, ALLOWED_TABLE_FUNCTIONS } from './functions.js';
import { serverAtLeast } from './cluster.js';

/**
 * A ClickHouse parser that answers "which databases, tables and functions does this text touch":
 * the partner's own server (EXPLAIN AST over HTTP, server/datasources/clickhouse/runner.ts) in the
 * emulator, and chdb (ClickHouse in process) in the project's tests. The text is the exact text
 * that will run, with the query parameters that will be sent.
 */
export interface ClickHouseParser {
  touches(sql: string, queryParams: Record<string, unknown>): Promise<Touched>;
}

/** EXPLAIN AST exists from ClickHouse 20.6 on; older servers are checked by the fail-closed lexer guard. */
export const supportsExplainAst = (version: string): boolean => serverAtLeast(version, 20, 6);

/** Reads an EXPLAIN AST answer (its lines); an answer the reader cannot follow refuses the query. */
export function touchedFromExplain(lines: string[], field = 'sql'): Touched {
  try {
    return touchedBy(parseAst(lines));
  } catch (e) {
    if (e instanceof AstError) {
      throw new MockError('PARTNER_SQL_FORBIDDEN', { field, message: `The chart SQL is refused: ClickHouse's parse of it has a part the emulator cannot vouch for (${e.message}).` });
    }
    throw e;
  }
}

/** A table as printed by EXPLAIN AST is in `own` when it is unqualified or qualified by `own` once. */
export function isOwnTable(printed: string, own: string): boolean {
  if (!printed.includes('.')) return true;
  return printed.startsWith(`${own}.`) && !printed.slice(own.length + 1).includes('.');
}

/**
 * Throws PARTNER_SQL_FORBIDDEN naming the first thing the query touches outside the connection's
 * database `own`: another database's table (or a name the printing leaves ambiguous), a function
 * or a table function not on the allowlist, or a clause a chart never needs.
 */
export function checkTouched(t: Touched, own: string, field = 'sql'): void {
  const refuse = (message: string) => new MockError('PARTNER_SQL_FORBIDDEN', { field, message });
  if (t.refused.length) throw refuse(`The chart SQL uses ${t.refused[0]}, which a chart never needs.`);
  const table = t.tables.find((x) => !isOwnTable(x, own));
  if (table !== undefined) {
    throw refuse(`The chart SQL reads ${JSON.stringify(table)}, outside the connection's database ${JSON.stringify(own)} (ClickHouse's own parse of the query says so).`);
  }
  const fn = t.functions.find((f) => !isAllowedFunction(f));
  if (fn !== undefined) {
    throw refuse(`The chart SQL calls ${fn}(), which is not on the allowlist of functions a chart may call on a partner connection (docs/partner.md).`);
  }
  const tf = t.tableFunctions.find((f) => !isAllowedTableFunction(f));
  if (tf !== undefined) {
    throw refuse(`The chart SQL reads the table function ${tf}(); only ${[...ALLOWED_TABLE_FUNCTIONS].join(', ')} are allowed, and tables of the connection's database.`);
  }
}
