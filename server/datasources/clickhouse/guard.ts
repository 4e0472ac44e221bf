import { MockError } from '../../errors/catalogue.js';
import { keywordOf, nameOf, type Token } from '../lexer.js';

/**
 * Isolation of a chart on a ClickHouse connection. The partner's `datalens` user can read every
 * client database of the cluster, so the query itself must not name another one. Read on the
 * lexer's tokens (server/datasources/lexer.ts), after the shared statement shape:
 *
 * 1. a qualified name `x.y` whose `x` is a database of the cluster (SHOW DATABASES at run time;
 *    `system`, `information_schema` and `default` always) other than the connection's own is refused;
 * 2. a function that reads outside the database, or from a table or a dictionary named by a string
 *    (remote, cluster, merge, url, file, s3, dictGet, joinGet, …) is refused wherever it stands;
 * 3. a table function (a call where a table is expected: after FROM, JOIN or a comma in a FROM
 *    list, or right after IN) must be one of the allowlist, which produce data without reading any table.
 *
 * Unqualified names resolve in the connection's database, which the runner sends as the HTTP
 * `database`; the user's `readonly = 2` refuses writes as a second line.
 */

/** Table functions that read no table and no file: allowed after FROM / JOIN. */
export const ALLOWED_TABLE_FUNCTIONS = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'values', 'generate_series']);

/** Function names (lower case) that reach outside the connection's database; prefixes end with `*`. */
const OUTSIDE_FUNCTIONS = [
  'remote*', 'cluster*', 'merge', 'url', 'urlcluster', 'file', 'filecluster', 'filesystem*', 's3*', 'gcs', 'oss', 'cosn', 'hdfs*',
  'azure*', 'iceberg*', 'deltalake*', 'hudi*', 'paimon*', 'mysql', 'postgresql', 'mongodb', 'redis', 'sqlite', 'jdbc', 'odbc',
  'input', 'executable', 'dictionary', 'dict*', 'joinget*', 'hascolumnintable', 'loop', 'mergetree*', 'fuzz*', 'ytsaurus',
  'arrowflight', 'prometheus*', 'timeseries*', 'catboostevaluate', 'modelevaluate', 'naivebayesclassifier', 'view', 'viewexplain',
  'viewifpermitted',
];

export function isOutsideFunction(name: string): boolean {
  const n = name.toLowerCase();
  return OUTSIDE_FUNCTIONS.some((p) => (p.endsWith('*') ? n.startsWith(p.slice(0, -1)) : n === p));
}

/** Databases ClickHouse always has; refused even before the cluster's own list is known. */
export const SYSTEM_DATABASES = ['system', 'information_schema', 'default'];

/** Keywords that end a FROM list at their depth (what follows is an expression or another clause). */
const END_OF_FROM = new Set([
  'WHERE', 'PREWHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'QUALIFY', 'ON', 'USING',
  'ARRAY', 'SAMPLE', 'OFFSET', 'SELECT', 'WITH',
]);

/** Calls that build a value on the right of IN (not a table). */
const IN_VALUE_FUNCTIONS = new Set(['tuple', 'array']);

/** Keywords that a `(` may follow without making a call: `JOIN (SELECT …)`, `IN (…)`, `AS (…)`. */
const NOT_A_CALL = new Set([
  'JOIN', 'IN', 'FROM', 'AS', 'USING', 'ON', 'AND', 'OR', 'NOT', 'WHERE', 'PREWHERE', 'HAVING', 'SELECT', 'EXISTS', 'WITH', 'UNION',
  'ALL', 'DISTINCT', 'BY', 'THEN', 'ELSE', 'WHEN', 'CASE', 'INTERSECT', 'EXCEPT', 'LIKE', 'ILIKE', 'BETWEEN', 'IS', 'GLOBAL', 'OVER',
]);

/** Functions whose arguments use the word FROM (`extract(YEAR FROM d)`): there it starts no FROM list. */
const FROM_TAKING_FUNCTIONS = new Set(['EXTRACT', 'TRIM', 'SUBSTRING', 'SUBSTR', 'OVERLAY']);

const refuse = (field: string, message: string) => new MockError('PARTNER_SQL_FORBIDDEN', { field, message });

export interface GuardScope {
  /** The connection's database (db_name of its access token). */
  ownDatabase: string;
  /** Every database of the cluster (empty when not known yet, e.g. when a chart is created). */
  databases: string[];
}

/** Throws PARTNER_SQL_FORBIDDEN naming the first route out of the connection's database. */
export function guardClickHouseSql(tokens: Token[], scope: GuardScope, field = 'sql'): void {
  const own = scope.ownDatabase;
  const others = new Set([...SYSTEM_DATABASES, ...scope.databases].filter((d) => d !== own).map((d) => d.toLowerCase()));
  /** Per paren depth: inside extract(…)-like arguments, and inside a FROM list. */
  const stack: { call: boolean; from: boolean }[] = [{ call: false, from: false }];
  let prevKeyword: string | undefined;
  tokens.forEach((t, i) => {
    const top = stack[stack.length - 1];
    const next = tokens[i + 1];
    const name = nameOf(t);
    if (name !== undefined && next?.text === '.' && others.has(name.toLowerCase())) {
      throw refuse(field, `The chart SQL names the database ${JSON.stringify(name)} (offset ${t.start}); a chart reads only its connection's database ${JSON.stringify(own)}.`);
    }
    if (t.kind === 'word' && next?.text === '(' && !NOT_A_CALL.has(t.value.toUpperCase())) {
      if (isOutsideFunction(t.value)) {
        throw refuse(field, `The chart SQL calls ${t.value}() (offset ${t.start}), which reads outside the connection's database ${JSON.stringify(own)}.`);
      }
      const inFromList = top.from && !top.call && tokens[i - 1]?.text !== '.';
      // `x IN f(…)`: newer servers take a table function there too; tuple(…) and array(…) are values.
      const afterIn = keywordOf(tokens[i - 1]) === 'IN' && !IN_VALUE_FUNCTIONS.has(t.value.toLowerCase());
      if ((inFromList || afterIn) && !ALLOWED_TABLE_FUNCTIONS.has(t.value.toLowerCase())) {
        throw refuse(
          field,
          `The chart SQL reads the table function ${t.value}() (offset ${t.start}); only ${[...ALLOWED_TABLE_FUNCTIONS].join(', ')} are allowed, and tables of the connection's database.`,
        );
      }
    }
    const kw = keywordOf(t);
    if (t.text === '(') {
      stack.push({ call: FROM_TAKING_FUNCTIONS.has(keywordOf(tokens[i - 1]) ?? ''), from: false });
    } else if (t.text === ')') {
      if (stack.length > 1) stack.pop();
    } else if (kw === 'SELECT' || kw === 'WITH') {
      top.call = false; // a subquery inside a call, e.g. view(SELECT …) or IN (SELECT …)
      top.from = false;
    } else if (kw === 'FROM' || (kw === 'JOIN' && prevKeyword !== 'ARRAY')) {
      if (!top.call) top.from = true;
    } else if (kw && END_OF_FROM.has(kw)) {
      top.from = false;
    }
    if (t.kind === 'word') prevKeyword = kw;
  });
}
