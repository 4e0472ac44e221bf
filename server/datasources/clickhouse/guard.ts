import { MockError } from '../../errors/catalogue.js';
import { keywordOf, nameOf, type Token } from '../lexer.js';
import { isAllowedFunction, isAllowedTableFunction, ALLOWED_TABLE_FUNCTIONS } from './functions.js';

/**
 * Isolation of a free-SQL chart on a ClickHouse server too old to parse a query for the emulator
 * (no EXPLAIN AST before 20.6; newer servers are asked, server/datasources/clickhouse/parser.ts).
 * The partner's `datalens` user can read every client database of the cluster, so the query itself
 * must not name another one. Read on the lexer's tokens (server/datasources/lexer.ts), after the
 * shared statement shape, and failing closed wherever the lexer and some ClickHouse version could
 * read the text differently:
 *
 * 1. a quoted name with a backslash or a control character is refused (versions decode `\xHH`,
 *    `\N` and friends differently), and so is any `{` or `}` (query parameters, `{name: Type}`,
 *    may name a database on 20.1+) and a number glued to a name (`2024client` is one name on
 *    current servers, a number and a name on older ones);
 * 2. a qualified name `x.y` whose `x` is a database of the cluster (SHOW DATABASES at run time;
 *    `system`, `information_schema` and `default` always) other than the connection's own is refused;
 * 3. every call, its name bare or quoted, must be on the allowlist of functions
 *    (server/datasources/clickhouse/functions.ts), and a call where a table is expected (after
 *    FROM, JOIN or a comma in a FROM list, or right after IN) on the allowlist of table functions.
 *
 * Unqualified names resolve in the connection's database, which the runner sends as the HTTP
 * `database`; the user's `readonly = 2` refuses writes as a second line.
 */

/** The emulator's own param helper, compiled away before the query is sent. */
const EMULATOR_FUNCTIONS = new Set(['dl_in']);

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

/**
 * The rules every ClickHouse version reads alike only when they hold, checked before any other
 * (on servers with EXPLAIN AST too): no escape or control character in a quoted name, no `{` or `}`
 * outside strings, no number glued to a name.
 */
export function checkHygiene(tokens: Token[], field = 'sql'): void {
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === 'quoted' && /[\\\u0000-\u001f\u007f]/.test(t.text)) {
      throw refuse(field, `The chart SQL has a quoted name with a backslash or a control character (offset ${t.start}); ClickHouse versions decode its escapes differently, so it is refused. Write the name without escapes.`);
    }
    if (t.text === '{' || t.text === '}') {
      throw refuse(field, `The chart SQL has a "${t.text}" (offset ${t.start}); ClickHouse reads {name: Type} as a query parameter, which could name a database. Use :name params.`);
    }
    if (t.kind === 'number' && next && next.start === t.start + t.text.length && /^[A-Za-z_`"]/.test(next.text)) {
      throw refuse(field, `The chart SQL has a number glued to a name (${JSON.stringify(t.text + next.text)}, offset ${t.start}); current ClickHouse reads it as one name, older versions as two. Quote the name or add a space.`);
    }
  });
}

/** Throws PARTNER_SQL_FORBIDDEN naming the first route out of the connection's database. */
export function guardClickHouseSql(tokens: Token[], scope: GuardScope, field = 'sql'): void {
  const own = scope.ownDatabase;
  const others = new Set([...SYSTEM_DATABASES, ...scope.databases].filter((d) => d !== own).map((d) => d.toLowerCase()));
  /** Per paren depth: inside extract(…)-like arguments, and inside a FROM list. */
  const stack: { call: boolean; from: boolean }[] = [{ call: false, from: false }];
  let prevKeyword: string | undefined;
  checkHygiene(tokens, field);
  tokens.forEach((t, i) => {
    const top = stack[stack.length - 1];
    const next = tokens[i + 1];
    const name = nameOf(t);
    if (name !== undefined && next?.text === '.' && others.has(name.toLowerCase())) {
      throw refuse(field, `The chart SQL names the database ${JSON.stringify(name)} (offset ${t.start}); a chart reads only its connection's database ${JSON.stringify(own)}.`);
    }
    const isCall = name !== undefined && next?.text === '(' && !(t.kind === 'word' && NOT_A_CALL.has(t.value.toUpperCase()));
    if (isCall) {
      const inFromList = top.from && !top.call && tokens[i - 1]?.text !== '.';
      // `x IN f(…)`: newer servers take a table function there too; tuple(…) and array(…) are values.
      const afterIn = keywordOf(tokens[i - 1]) === 'IN' && !IN_VALUE_FUNCTIONS.has(name.toLowerCase());
      if (inFromList || afterIn) {
        if (!isAllowedTableFunction(name)) {
          throw refuse(
            field,
            `The chart SQL reads the table function ${name}() (offset ${t.start}); only ${[...ALLOWED_TABLE_FUNCTIONS].join(', ')} are allowed, and tables of the connection's database.`,
          );
        }
      } else if (!isAllowedFunction(name) && !EMULATOR_FUNCTIONS.has(name.toLowerCase())) {
        throw refuse(
          field,
          `The chart SQL calls ${name}() (offset ${t.start}), which is not on the allowlist of functions a chart may call on a partner connection (docs/partner.md); it could read outside the connection's database ${JSON.stringify(own)}.`,
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
