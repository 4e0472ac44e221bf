// The reading of EXPLAIN AST: what 26.x's parser (chdb) says a query touches, and the answers the
// reader refuses because it cannot follow them (it fails closed).
import { describe, expect, it } from 'vitest';
import { MockError } from '../../errors/catalogue.js';
import { chdbCluster, chdbParser } from '../../testing/chdb.js';
import { prepareChartQuery } from './check.js';
import { AstError, parseAst, touchedBy } from './ast.js';
import { isAllowedFunction, isAllowedTableFunction } from './functions.js';
import { checkTouched, isOwnTable, supportsExplainAst, touchedFromExplain, type ClickHouseParser } from './parser.js';

const parser = chdbParser();

describe("what 26.x's parser says a query touches", () => {
  it.each([
    ['a table, qualified and not', 'SELECT a FROM t, client_a.u', { tables: ['t', 'client_a.u'], functions: [], tableFunctions: [], refused: [] }],
    ['a function in back quotes is a function', "SELECT `merge`('client_b', '^t')", { tables: [], functions: ['merge'], tableFunctions: [], refused: [] }],
    ['\\x escapes are decoded by the server', 'SELECT * FROM `\\x63lient_b`.t', { tables: ['client_b.t'], functions: [], tableFunctions: [], refused: [] }],
    ['a name starting with a digit is one name', 'SELECT * FROM 2024client.t', { tables: ['2024client.t'], functions: [], tableFunctions: [], refused: [] }],
    ['a table after IN', 'SELECT 1 WHERE a IN client_b.t', { tables: ['client_b.t'], functions: ['in'], tableFunctions: [], refused: [] }],
    ['a table function', "SELECT * FROM numbers(3), file('x')", { tables: [], functions: [], tableFunctions: ['numbers', 'file'], refused: [] }],
    ['SETTINGS', 'SELECT 1 SETTINGS max_threads = 1', { tables: [], functions: [], tableFunctions: [], refused: ['SETTINGS'] }],
    ['FORMAT', 'SELECT 1 FORMAT TSV', { tables: [], functions: [], tableFunctions: [], refused: ['FORMAT or INTO OUTFILE'] }],
    ['a subquery and a CTE', 'WITH x AS (SELECT 1 FROM client_b.s) SELECT * FROM x', { tables: ['client_b.s', 'x'], functions: [], tableFunctions: [], refused: [] }],
  ])('%s', async (_name, sql, expected) => {
    expect(await parser.touches(sql, {})).toEqual(expected);
  });

  it('substitutes query parameters before it answers: {p: Identifier} names what its value names', async () => {
    expect((await parser.touches('SELECT * FROM {p0: Identifier}.{p1: Identifier}', { p0: 'client_b', p1: 's' })).tables).toEqual(['client_b.s']);
  });

  it.each([
    ['a name that cannot be printed unambiguously (a space in it)', 'SELECT * FROM `client_b t`.u'],
    ['a newline inside a name', 'SELECT * FROM `a\nFunction merge`.u'],
    ['a forged (children N) in an alias', 'SELECT a AS `y) (children 3` FROM t'],
  ])('refuses an answer it cannot follow: %s', async (_name, sql) => {
    await expect(parser.touches(sql, {})).rejects.toMatchObject({ reason: 'PARTNER_SQL_FORBIDDEN' });
  });
});

describe('the EXPLAIN AST reader fails closed', () => {
  it.each([
    ['a line that is not a node', ['SelectWithUnionQuery (children 1)', ' ExpressionList (children 1)', '  ???']],
    ['a node two levels below its parent', ['SelectWithUnionQuery (children 1)', '   Identifier a']],
    ['fewer children than declared', ['SelectWithUnionQuery (children 2)', ' ExpressionList']],
    ['more children than declared', ['SelectWithUnionQuery (children 1)', ' ExpressionList', ' ExpressionList']],
    ['two roots', ['SelectWithUnionQuery', 'SelectWithUnionQuery']],
  ])('%s', (_name, lines) => {
    expect(() => parseAst(lines)).toThrow(AstError);
    expect(() => touchedFromExplain(lines)).toThrow(MockError);
  });

  it('refuses a node type it does not know, and a statement other than a SELECT', () => {
    expect(() => touchedBy(parseAst(['SelectWithUnionQuery (children 1)', ' ExpressionList (children 1)', '  Dictionary x']))).toThrow(/Dictionary/);
    expect(() => touchedBy(parseAst(['ShowTablesQuery']))).toThrow(AstError);
  });

  it('reads an older server\'s table in FROM (an Identifier under TableExpression) as a table', () => {
    const t = touchedBy(parseAst(['SelectWithUnionQuery (children 1)', ' ExpressionList (children 1)', '  SelectQuery (children 1)', '   TablesInSelectQuery (children 1)', '    TablesInSelectQueryElement (children 1)', '     TableExpression (children 1)', '      Identifier client_b.t (alias x)']));
    expect(t.tables).toEqual(['client_b.t']);
  });
});

describe('the scope check', () => {
  it.each([
    ['t', true],
    ['client_a.t', true],
    ['client_b.t', false],
    ['client_a.b.c', false], // `client_a.b`.c or client_a.`b.c`: ambiguous, refused
    ['client_ab.t', false],
  ])('%s is in client_a: %s', (printed, own) => {
    expect(isOwnTable(printed, 'client_a')).toBe(own);
  });

  it.each([
    ['sum', true],
    ['sumIf', true],
    ['uniqExactIfOrNull', true],
    ['toStartOfMonth', true],
    ['COUNT', true],
    ['merge', false],
    ['file', false],
    ['url', false],
    ['remote', false],
    ['hasColumnInTable', false],
    ['dictGet', false],
    ['joinGet', false],
    ['getSetting', false],
    ['sleep', false],
    ['somethingNew', false],
  ])('the function %s is allowed: %s', (name, allowed) => {
    expect(isAllowedFunction(name)).toBe(allowed);
  });

  it('allows only the table functions that read nothing', () => {
    expect(['numbers', 'zeros', 'values'].every(isAllowedTableFunction)).toBe(true);
    expect(['merge', 'file', 'url', 'remote', 'view', 'loop', 'cluster'].some(isAllowedTableFunction)).toBe(false);
  });

  it('names the first thing outside, in a 400', () => {
    const base = { tables: [], functions: [], tableFunctions: [], refused: [] };
    expect(() => checkTouched({ ...base, tables: ['system.tables'] }, 'client_a')).toThrow(/"system.tables"/);
    expect(() => checkTouched({ ...base, functions: ['url'] }, 'client_a')).toThrow(/url\(\)/);
    expect(() => checkTouched({ ...base, tableFunctions: ['merge'] }, 'client_a')).toThrow(/merge\(\)/);
    expect(() => checkTouched(base, 'client_a')).not.toThrow();
  });

  it.each([
    ['18.16.1', false],
    ['20.5.4', false],
    ['20.6.3', true],
    ['24.8.1', true],
    ['26.7.2.1', true],
  ])('ClickHouse %s has EXPLAIN AST: %s', (version, has) => {
    expect(supportsExplainAst(version)).toBe(has);
  });
});

describe('the check on a server with EXPLAIN AST (26.x)', () => {
  it('asks the parser once per text and database, whatever the param values; a refusal is asked again', async () => {
    const cluster = chdbCluster();
    let asked = 0;
    const counting: ClickHouseParser = { touches: (sql, params) => (asked++, parser.touches(sql, params)) };
    const sql = 'SELECT count() FROM sales WHERE dl_in(region, :r) AND owner = :o';
    const first = await prepareChartQuery(cluster, 'client_a', sql, { r: ['North'], o: 'A' }, counting);
    await prepareChartQuery(cluster, 'client_a', sql, { r: [], o: "x' OR 1=1" }, counting);
    expect(asked).toBe(1);
    expect(first.sql).toContain('{dl_p0:Array(String)}');
    expect(first.queryParams).toEqual({ dl_p0: ['North'], dl_p1: 'A' });
    await prepareChartQuery(cluster, 'client_b', sql, {}, counting);
    expect(asked).toBe(2);
    for (let i = 0; i < 2; i++) {
      await expect(prepareChartQuery(cluster, 'client_a', 'SELECT * FROM client_b.sales', {}, counting)).rejects.toMatchObject({ reason: 'PARTNER_SQL_FORBIDDEN' });
    }
    expect(asked).toBe(4);
  });
});
