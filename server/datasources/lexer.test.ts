import { describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { LexError, significant, tokenize, type Dialect } from './lexer.js';
import { sqlParamNames } from './params.js';
import { checkStatement, lex } from './statement.js';

const kinds = (sql: string, dialect: Dialect = 'clickhouse') => significant(tokenize(sql, dialect)).map((t) => `${t.kind}:${t.value}`);

describe('the chart SQL lexer', () => {
  it.each([
    ['a string with a backslash-escaped quote (ClickHouse)', "SELECT 'a\\'b' x", ['word:SELECT', "string:a'b", 'word:x']],
    ['a string with a doubled quote', "SELECT 'a''b'", ['word:SELECT', "string:a'b"]],
    ['backtick and double-quoted names, with escapes', 'SELECT `a``b`, "c\\"d"', ['word:SELECT', 'quoted:a`b', 'op:,', 'quoted:c"d']],
    ['comments of three kinds', 'SELECT 1 -- x\n# y\n/* z */ , 2', ['word:SELECT', 'number:1', 'op:,', 'number:2']],
    ['params with three sigils, not a :: cast', 'SELECT :a, @b, $c, x::String', ['word:SELECT', 'param:a', 'op:,', 'param:b', 'op:,', 'param:c', 'op:,', 'word:x', 'op:::', 'word:String']],
    ['a param inside a string is text', "SELECT ':a'", ['word:SELECT', 'string::a']],
    ['numbers', 'SELECT 1.5e3, 0x1F, .5', ['word:SELECT', 'number:1.5e3', 'op:,', 'number:0x1F', 'op:,', 'number:.5']],
  ])('reads %s', (_name, sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it('reads Unicode inside strings, quoted names and comments on ClickHouse', () => {
    expect(kinds("SELECT 'ünï\u00a0', `продажи` -- ✓\n")).toEqual(['word:SELECT', 'string:ünï\u00a0', 'op:,', 'quoted:продажи']);
  });

  it('reads SQLite as SQLite: a backslash is a plain character, [name] is a name, # is not a comment', () => {
    expect(kinds("SELECT 'a\\' , [my col]", 'sqlite')).toEqual(['word:SELECT', 'string:a\\', 'op:,', 'quoted:my col']);
    expect(kinds('SELECT 1 # 2', 'sqlite')).toEqual(['word:SELECT', 'number:1', 'op:#', 'number:2']);
  });

  it.each([
    ['an unterminated string', "SELECT 'abc"],
    ['an unterminated comment', 'SELECT 1 /* x'],
    ['a comment inside a comment (servers disagree on nesting)', 'SELECT 1 /* a /* b */ c */'],
    ['a heredoc ($$)', 'SELECT $$x$$'],
    ['a tagged heredoc', 'SELECT $tag$x$tag$'],
    ['a Unicode space, which newer servers skip (FROM\u00a0client_b would read client_b)', 'SELECT * FROM\u00a0client_b.sales'],
    ['a Unicode letter in a bare name', 'SELECT * FROM продажи'],
    ['a NUL outside a string', 'SELECT 1\u0000, 2'],
  ])('refuses %s on ClickHouse', (_name, sql) => {
    expect(() => tokenize(sql, 'clickhouse')).toThrow(LexError);
  });

  it('finds param names on either backend, outside strings and comments', () => {
    expect(sqlParamNames("SELECT :a, ':b' -- :c\n FROM t WHERE dl_in(x, :d) AND y = :a")).toEqual(['a', 'd']);
    expect(sqlParamNames("SELECT 'unterminated")).toEqual([]);
  });
});

describe('the statement shape, on every backend', () => {
  const shape = (sql: string, dialect: Dialect = 'clickhouse') => {
    try {
      checkStatement(lex(sql, dialect), 'sql', 'PARTNER_SQL_FORBIDDEN', dialect);
      return 'ok';
    } catch (e) {
      return (e as MockError).reason;
    }
  };

  it.each([
    ['SELECT 1', 'ok'],
    ['WITH 1 AS x SELECT x', 'ok'],
    ['SELECT 1;', 'ok'],
    ["SELECT format('%d', 1)", 'ok'], // SQLite's format() is a function, not the FORMAT clause
    ['SELECT t.settings FROM t', 'ok'], // a column named like a keyword, qualified
    ['SELECT 1; SELECT 2', 'PARTNER_SQL_FORBIDDEN'],
    ['SELECT 1 FORMAT JSON', 'PARTNER_SQL_FORBIDDEN'],
    ['SELECT 1 SETTINGS max_threads = 1', 'PARTNER_SQL_FORBIDDEN'],
    ["SELECT 1 INTO OUTFILE 'f'", 'PARTNER_SQL_FORBIDDEN'],
    ['EXPLAIN SELECT 1', 'PARTNER_SQL_FORBIDDEN'],
    ['SHOW TABLES', 'PARTNER_SQL_FORBIDDEN'],
    ['WITH x AS (SELECT 1) DELETE FROM t', 'PARTNER_SQL_FORBIDDEN'],
    ['', 'INVALID_SQL'],
    ['-- only a comment', 'INVALID_SQL'],
  ])('%s → %s', (sql, expected) => {
    expect(shape(sql)).toBe(expected);
  });

  it('reads SETTINGS, FORMAT and INTO as plain names on SQLite, where they are no clauses', () => {
    expect(shape('SELECT format, settings, rename FROM t', 'sqlite')).toBe('ok');
    expect(shape('SELECT format, settings FROM t', 'clickhouse')).toBe('PARTNER_SQL_FORBIDDEN');
    expect(shape('SELECT 1; DELETE FROM t', 'sqlite')).toBe('PARTNER_SQL_FORBIDDEN');
  });

  it('keeps the embedded data source on INVALID_SQL', () => {
    expect(() => checkStatement(lex('SELECT 1; SELECT 2', 'sqlite'), 'sql', 'INVALID_SQL')).toThrow(expect.objectContaining({ reason: 'INVALID_SQL' }));
  });
});
