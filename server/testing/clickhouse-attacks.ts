// The SQL attack corpus of the ClickHouse guard: texts a chart author on client_a's connection
// could write to read another client's database, the server's own tables, a file or a URL. Every
// one must be refused on 18.16 (the lexer guard) and on 26.x (the server's parser). The fixture
// adds a database whose name starts with a digit to the two clients'.
import { CH_FIXTURE } from './clickhouse.js';

export const ATTACK_FIXTURE = `${CH_FIXTURE}
CREATE DATABASE \`2024client\`;
CREATE TABLE \`2024client\`.t (secret String) ENGINE = Memory;
INSERT INTO \`2024client\`.t VALUES ('D-only');
`;

/** Anything that is not client_a's: client_b's owner mark, amounts and secret, 2024client's secret. */
export const FOREIGN_MARKS = ['B', 'B-only', 999, 777, 'West', 'D-only'];

export interface Attack {
  name: string;
  sql: string;
  /** Chart params (the runner binds them; some attacks aim at the runner's own parameters). */
  params?: Record<string, unknown>;
}

/** Ways to write "client_b" as a database name. */
const CLIENT_B = [
  ['bare', 'client_b'],
  ['back quotes', '`client_b`'],
  ['double quotes', '"client_b"'],
  ['\\x63 in back quotes', '`\\x63lient_b`'],
  ['\\x escapes throughout', '`\\x63\\x6c\\x69\\x65\\x6e\\x74\\x5f\\x62`'],
  ['\\x63 in double quotes', '"\\x63lient_b"'],
  ['an escaped underscore', '`client\\_b`'],
  ['\\N inside', '`client\\N_b`'],
  ['a comment before the dot', 'client_b/* x */'],
  ['spaces around the dot', 'client_b '],
] as const;

/** Where a table can stand in a SELECT; `%T` is the table. */
const POSITIONS = [
  ['FROM', 'SELECT * FROM %T'],
  ['JOIN', 'SELECT region FROM sales ALL INNER JOIN %T USING region'],
  ['IN a subquery', 'SELECT * FROM sales WHERE region IN (SELECT region FROM %T)'],
  ['IN a table', 'SELECT * FROM sales WHERE region IN %T'],
  ['a scalar subquery', 'SELECT (SELECT any(owner) FROM %T) AS s'],
  ['UNION ALL', 'SELECT region FROM sales UNION ALL SELECT region FROM %T'],
  ['a CTE', 'WITH x AS (SELECT * FROM %T) SELECT * FROM x'],
] as const;

/** Function spellings: bare, in back quotes, in double quotes, in another case, spaced from its parenthesis. */
const spellings = (f: string) => [f, `\`${f}\``, `"${f}"`, f.toUpperCase(), `${f} `, `\`${f}\`/**/`];

const FUNCTION_ATTACKS: [string, string][] = [
  ['merge', "SELECT * FROM %F('client_b', '^s')"],
  ['merge', "SELECT count() FROM sales WHERE region IN (SELECT region FROM %F('client_b', '^sales'))"],
  ['file', "SELECT * FROM %F('users.xml', 'LineAsString', 'l String')"],
  ['file', "SELECT %F('users.xml')"],
  ['url', "SELECT * FROM %F('http://127.0.0.1:1/', CSV, 'a String')"],
  ['remote', "SELECT * FROM %F('127.0.0.1', 'client_b', 'secrets_b')"],
  ['remoteSecure', "SELECT * FROM %F('127.0.0.1', 'client_b', 'secrets_b')"],
  ['cluster', "SELECT * FROM %F('default', 'client_b', 'secrets_b')"],
  ['hasColumnInTable', "SELECT %F('client_b', 'secrets_b', 'secret')"],
  ['dictGet', "SELECT %F('client_b.d', 'v', toUInt64(1))"],
  ['joinGet', "SELECT %F('client_b.j', 'v', 1)"],
  ['s3', "SELECT * FROM %F('http://127.0.0.1:1/x.csv', CSV, 'a String')"],
  ['input', "SELECT * FROM %F('a String')"],
  ['mysql', "SELECT * FROM %F('127.0.0.1:1', 'd', 't', 'u', 'p')"],
  ['view', 'SELECT * FROM %F(SELECT * FROM client_b.secrets_b)'],
  ['getSetting', "SELECT %F('readonly')"],
  ['sleep', 'SELECT %F(3)'],
];

function build(): Attack[] {
  const out: Attack[] = [];
  for (const [how, db] of CLIENT_B) {
    for (const [where, tpl] of POSITIONS.slice(0, how === 'bare' || how === 'back quotes' ? POSITIONS.length : 2)) {
      out.push({ name: `client_b (${how}) in ${where}`, sql: tpl.replace('%T', `${db}.secrets_b`) });
    }
  }
  for (const [fn, tpl] of FUNCTION_ATTACKS) {
    const forms = fn === 'merge' || fn === 'file' || fn === 'url' || fn === 'remote' || fn === 'hasColumnInTable' ? spellings(fn) : [fn, `\`${fn}\``];
    for (const f of forms) out.push({ name: `${fn}() as ${JSON.stringify(f)}: ${tpl.slice(0, 40)}`, sql: tpl.replace('%F', f) });
  }
  out.push(
    { name: 'system.tables', sql: 'SELECT database, name FROM system.tables' },
    { name: '`system`.databases', sql: 'SELECT name FROM `system`.databases' },
    { name: '`\\x73ystem`.databases', sql: 'SELECT name FROM `\\x73ystem`.databases' },
    { name: '"system".one', sql: 'SELECT * FROM "system".one' },
    { name: 'information_schema.tables', sql: 'SELECT * FROM information_schema.tables' },
    { name: 'INFORMATION_SCHEMA.TABLES', sql: 'SELECT * FROM INFORMATION_SCHEMA.TABLES' },
    { name: 'the default database', sql: 'SELECT * FROM default.sales' },
    { name: 'a database starting with a digit', sql: 'SELECT * FROM 2024client.t' },
    { name: 'a database starting with a digit, in a subquery', sql: 'SELECT * FROM sales WHERE owner IN (SELECT secret FROM 2024client.t)' },
    { name: 'a database starting with a digit, joined', sql: 'SELECT * FROM sales, 2024client.t' },
    {
      name: "the runner's own query parameters as a database ({dl_p0: Identifier}, a space after the colon)",
      sql: 'SELECT * FROM {dl_p0: Identifier}.{dl_p1: Identifier} WHERE :a = :a AND :b = :b',
      params: { a: 'client_b', b: 'secrets_b' },
    },
    { name: 'a query parameter without the space', sql: 'SELECT * FROM {dl_p0:Identifier}.secrets_b WHERE :a = :a', params: { a: 'client_b' } },
    { name: 'a query parameter as a table', sql: 'SELECT * FROM {dl_p0: Identifier} WHERE :a = :a', params: { a: 'client_b.secrets_b' } },
    { name: 'SETTINGS', sql: 'SELECT * FROM sales SETTINGS max_result_rows = 0' },
    { name: 'SETTINGS in a subquery', sql: 'SELECT * FROM (SELECT * FROM sales SETTINGS readonly = 0)' },
    { name: 'FORMAT', sql: 'SELECT * FROM sales FORMAT TSV' },
    { name: 'INTO OUTFILE', sql: "SELECT * FROM sales INTO OUTFILE 'x.tsv'" },
    { name: 'two statements', sql: 'SELECT 1; SELECT * FROM client_b.secrets_b' },
    { name: 'a heredoc hiding a quote', sql: "SELECT $$'$$, * FROM client_b.secrets_b -- '" },
    { name: 'a nested comment hiding a quote', sql: "SELECT 1 /* /* */ ' */ FROM client_b.secrets_b -- '" },
    { name: 'a Unicode space', sql: 'SELECT * FROM\u00a0client_b.secrets_b' },
    { name: 'a newline inside a quoted name', sql: 'SELECT * FROM `client_b\nx`.secrets_b' },
    { name: 'a forged (children N) in an alias', sql: 'SELECT secret AS `x) (children 0` FROM client_b.secrets_b' },
    { name: 'a qualified column of another database', sql: 'SELECT client_b.secrets_b.secret FROM client_b.secrets_b' },
    { name: 'INSERT', sql: "INSERT INTO sales VALUES ('X', 1, 'A')" },
    { name: 'INSERT INTO FUNCTION', sql: "INSERT INTO FUNCTION file('x.csv', CSV, 'a String') VALUES ('x')" },
    { name: 'CREATE TABLE AS another database', sql: 'CREATE TABLE t AS client_b.secrets_b' },
    { name: 'ATTACH', sql: 'ATTACH TABLE t' },
    { name: 'SHOW TABLES FROM another database', sql: 'SHOW TABLES FROM client_b' },
    { name: 'DESCRIBE another table', sql: 'DESCRIBE TABLE client_b.secrets_b' },
    { name: 'USE', sql: 'USE client_b' },
  );
  return out;
}

export const ATTACKS: Attack[] = build();

/** Queries on client_a's own tables that must keep working, with what they return. */
export const OWN_QUERIES: [string, string, unknown[][]][] = [
  ['a plain SELECT', 'SELECT region, amount FROM sales ORDER BY amount', [['North', 10], ['South', 20], ['East', 30]]],
  ['the own database by name', 'SELECT count() FROM client_a.sales', [[3]]],
  ['the own database in back quotes', 'SELECT count() FROM `client_a`.`sales`', [[3]]],
  ['aggregates and GROUP BY', 'SELECT owner, sum(amount), count() FROM sales GROUP BY owner', [['A', 60, 3]]],
  ['dl_in with a param', 'SELECT region FROM sales WHERE dl_in(region, :r) ORDER BY region', [['North'], ['South']]],
  ['a WITH expression', 'WITH 2 AS k SELECT count() * k FROM sales', [[6]]],
  ['a subquery in IN', "SELECT count() FROM sales WHERE region IN (SELECT region FROM sales WHERE amount > 15)", [[2]]],
  ['numbers()', 'SELECT count() FROM numbers(10)', [[10]]],
  ['a join of own tables', 'SELECT count() FROM sales AS s ALL INNER JOIN only_a AS o ON 1 = o.x', [[3]]],
  ['a database name inside a string', "SELECT 'client_b.secrets_b' AS s", [['client_b.secrets_b']]],
  ['a database name inside a comment', 'SELECT count() FROM sales -- client_b.secrets_b', [[3]]],
  ['toStartOfMonth and formatting', "SELECT toString(toStartOfMonth(toDate('2024-05-06'))) AS m", [['2024-05-01']]],
  ['if and round', 'SELECT round(sum(if(amount > 15, amount, 0)) / 2) AS h FROM sales', [[25]]],
];
