// Param values are data, never SQL: hostile values round-trip exactly on a real server and
// cannot widen a filter to other rows or to client_b.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useClickHouseRunner } from '../../testing/clickhouse-runner.js';
import { tokenize } from '../lexer.js';
import { supportsQueryParameters } from './cluster.js';
import { compileClickHouse, stringLiteral } from './compile.js';

const fx = useClickHouseRunner();

const HOSTILE = [
  "'",
  "\\'",
  '\\',
  "\\\\'",
  "' OR 1=1 --",
  "North' OR '1'='1",
  "'; DROP TABLE sales; --",
  "' UNION ALL SELECT secret, 0, 'B' FROM client_b.secrets_b --",
  '*/ OR 1=1 /*',
  '/* unclosed',
  '-- a comment',
  '# a comment',
  '\u0000',
  "a\u0000' OR 1=1 --",
  '\\0',
  '\\x27 OR 1=1',
  '\n) OR (1=1',
  '{dl_p0:String}',
  ':region',
  '$$ OR 1=1 $$',
  '`client_b`.`sales`',
  '"client_b"."sales"',
  '\u2028\u00a0ünïcødé 🙂',
  'x'.repeat(100_000) + "' OR 1=1 --",
  "'".repeat(1_000_000),
];

describe('param values on ClickHouse (real server, literal binding on 18.16)', () => {
  it('runs the server the tests expect: no native query parameters, so the emulator binds literals', async () => {
    expect(await fx.cluster.serverVersion()).toMatch(/^18\./);
  });

  it.each(HOSTILE.map((v) => [v.length > 60 ? `${v.slice(0, 20)}… (${v.length} chars)` : JSON.stringify(v), v]))('%s round-trips exactly and matches no row', async (_name, v) => {
    expect((await fx.runner.run('SELECT :v AS v, length(:v) AS n', { v })).rows).toEqual([[v, Buffer.byteLength(v)]]);
    expect((await fx.runner.run('SELECT region, owner FROM sales WHERE region = :v', { v })).rows).toEqual([]);
    expect((await fx.runner.run('SELECT count() FROM sales WHERE dl_in(region, :v)', { v: [v] })).rows).toEqual([[0]]);
  });

  it('any string round-trips (property, 200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (v) => {
        const clean = v.replace(/[\ud800-\udfff]/g, ''); // lone surrogates have no UTF-8 form
        expect((await fx.runner.run('SELECT :v AS v', { v: clean })).rows).toEqual([[clean]]);
      }),
      { numRuns: 200 },
    );
  });

  it('an array of hostile values filters exactly, and never reaches client_b', async () => {
    const v = ['North', ...HOSTILE.slice(0, 12)];
    expect((await fx.runner.run('SELECT region, amount, owner FROM sales WHERE dl_in(region, :r) ORDER BY amount', { r: v })).rows).toEqual([['North', 10, 'A']]);
    expect((await fx.runner.run('SELECT count() FROM sales WHERE dl_in(region, :r)', { r: [] })).rows).toEqual([[3]]);
    expect((await fx.runner.run('SELECT count() FROM sales WHERE dl_in(region, :r)', { r: ['', ''] })).rows).toEqual([[3]]);
    expect((await fx.runner.run('SELECT :r AS r', { r: ["a'", 'b\\'] })).rows).toEqual([[JSON.stringify(["a'", 'b\\'])]]);
    expect((await fx.runner.run('SELECT :r AS r', { r: ['only'] })).rows).toEqual([['only']]);
    expect((await fx.runner.run('SELECT :missing AS m', {})).rows).toEqual([[null]]);
  });

  it('binds the same chart the same way on both backends: :name and dl_in(column, :param)', async () => {
    const sql = 'SELECT region, sum(amount) AS amount FROM sales WHERE dl_in(region, :region) AND owner = :owner GROUP BY region ORDER BY region';
    expect((await fx.runner.run(sql, { region: ['North', 'South'], owner: 'A' })).rows).toEqual([
      ['North', 10],
      ['South', 20],
    ]);
  });

  it('wrote nothing and client_b is unchanged', async () => {
    expect(await fx.ch.admin('SELECT count() FROM client_a.sales')).toBe('3\n');
    expect(await fx.ch.admin('SELECT count() FROM client_b.sales')).toBe('2\n');
  });
});

describe('param binding, compiled', () => {
  it.each([
    ['18.16.1', false],
    ['19.17.4.11', false],
    ['20.1.2.4', true],
    ['24.8.4.13', true],
  ])('ClickHouse %s has native query parameters: %s', (version, native) => {
    expect(supportsQueryParameters(version)).toBe(native);
  });

  const compile = (sql: string, params: Record<string, unknown>, binding: 'native' | 'literal') => compileClickHouse(tokenize(sql), params, binding);

  it('writes every control character as \\xHH and escapes quote and backslash', () => {
    expect(stringLiteral("a'b\\c\u0000d\ne")).toBe("'a\\'b\\\\c\\x00d\\x0ae'");
  });

  it('native binding (newer servers) sends values as query parameters, never in the text', () => {
    const c = compile("SELECT * FROM sales WHERE region = :r AND dl_in(owner, :o) -- :r", { r: "x' OR 1=1", o: ['A', 'B'] }, 'native');
    expect(c.sql).toBe('SELECT * FROM sales WHERE region = {dl_p0:Nullable(String)} AND (length({dl_p1:Array(String)}) = 0 OR has({dl_p1:Array(String)}, toString(owner)))  ');
    expect(c.queryParams).toEqual({ dl_p0: "x' OR 1=1", dl_p1: ['A', 'B'] });
  });

  it('literal binding drops comments, so the server reads only the checked tokens', () => {
    expect(compile('SELECT 1 /* x */ -- :r', { r: 'v' }, 'literal').sql).toBe('SELECT 1    ');
  });

  it('refuses dl_in without a param as its last argument', () => {
    expect(() => compile("SELECT dl_in(region, 'North')", {}, 'literal')).toThrow(/dl_in\(column, :param\)/);
  });
});
