// The attack corpus against both ClickHouse generations the emulator meets: Debian's 18.16 (the
// real server; no EXPLAIN, so the fail-closed lexer guard decides) and 26.x (chdb in process; the
// server's own parser decides). Every attack is refused on both, through the emulator's own
// ClickHouseRunner; client_a's own queries keep working on both; and whatever the lexer guard
// accepts, 26.x's parser confirms touches only client_a and allowlisted functions.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockError } from '../../errors/catalogue.js';
import { chdbCluster, chdbExec, chdbParser } from '../../testing/chdb.js';
import { ATTACK_FIXTURE, ATTACKS, FOREIGN_MARKS, OWN_QUERIES, type Attack } from '../../testing/clickhouse-attacks.js';
import { CH_USERS, startClickHouse, type TestClickHouse } from '../../testing/clickhouse.js';
import { tokenize } from '../lexer.js';
import { checkStatement, lex } from '../statement.js';
import type { TableData } from '../types.js';
import { ClickHouseCluster } from './cluster.js';
import { compileClickHouse } from './compile.js';
import { checkHygiene, guardClickHouseSql } from './guard.js';
import { checkTouched } from './parser.js';
import { ClickHouseRunner } from './runner.js';
import { parseTarget } from './target.js';

let ch: TestClickHouse;
let cluster18: ClickHouseCluster;
let runner18: ClickHouseRunner;
const runner26 = new ClickHouseRunner(chdbCluster(), 'client_a', 'chdb (ClickHouse 26.x)');
const parser26 = chdbParser('client_a');
const ALL_DATABASES = ['client_a', 'client_b', '2024client', 'system', 'default', 'information_schema', 'INFORMATION_SCHEMA'];

beforeAll(async () => {
  chdbExec(`DROP DATABASE IF EXISTS client_a;\nDROP DATABASE IF EXISTS client_b;\nDROP DATABASE IF EXISTS \`2024client\`;\n${ATTACK_FIXTURE}`);
  ch = await startClickHouse({ fixture: ATTACK_FIXTURE });
  cluster18 = new ClickHouseCluster(parseTarget({ url: ch.url, password: CH_USERS.datalens.password }));
  runner18 = new ClickHouseRunner(cluster18, 'client_a', 'the 18.16 test server');
});
afterAll(async () => {
  await cluster18?.close();
  await ch?.stop();
});

type Outcome = { refused: string; status: number } | { rows: TableData['rows'] };

async function outcome(runner: ClickHouseRunner, a: Attack): Promise<Outcome> {
  try {
    return { rows: (await runner.run(a.sql, a.params ?? {})).rows };
  } catch (e) {
    if (e instanceof MockError) return { refused: e.reason, status: e.status };
    throw e;
  }
}

const leaks = (rows: unknown[][]) => rows.some((r) => r.some((v) => FOREIGN_MARKS.includes(v as never)));

/** The lexer guard's verdict (what 18.16 gets), with the databases of the test cluster. */
function lexerAccepts(sql: string): boolean {
  try {
    guardClickHouseSql(checkStatement(lex(sql, 'clickhouse')), { ownDatabase: 'client_a', databases: ALL_DATABASES });
    return true;
  } catch (e) {
    if (e instanceof MockError) return false;
    throw e;
  }
}

describe('the attack corpus', () => {
  it('is large and names each attack once', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(89);
    expect(new Set(ATTACKS.map((a) => a.sql + JSON.stringify(a.params ?? {}))).size).toBe(ATTACKS.length);
  });

  it('the routes are real: the datalens user itself reads client_b and 2024client from client_a on 18.16', async () => {
    expect((await cluster18.query('SELECT secret FROM client_b.secrets_b', { database: 'client_a' })).data).toEqual([['B-only']]);
    expect((await cluster18.query('SELECT secret FROM `2024client`.t', { database: 'client_a' })).data).toEqual([['D-only']]);
    expect(await cluster18.serverVersion()).toMatch(/^18\./);
  });

  it('the routes are real on 26.x too: chdb reads client_b, 2024client and query parameters as names', async () => {
    const c = chdbCluster();
    expect(await c.serverVersion()).toMatch(/^(2[5-9]|[3-9]\d)\./);
    expect((await c.query('SELECT secret FROM 2024client.t', { database: 'client_a' })).data).toEqual([['D-only']]);
    expect((await c.query('SELECT secret FROM `\\x63lient_b`.secrets_b', { database: 'client_a' })).data).toEqual([['B-only']]);
    expect((await c.query('SELECT * FROM {p0: Identifier}.{p1: Identifier}', { database: 'client_a', queryParams: { p0: 'client_b', p1: 'secrets_b' } })).data).toEqual([['B-only']]);
  });

  it.each(ATTACKS.map((a) => [a.name, a] as const))('18.16 refuses %s', async (_name, a) => {
    const o = await outcome(runner18, a);
    expect(o, JSON.stringify(o)).toMatchObject({ status: 400 });
  });

  it.each(ATTACKS.map((a) => [a.name, a] as const))('26.x refuses %s', async (_name, a) => {
    const o = await outcome(runner26, a);
    expect(o, JSON.stringify(o)).toMatchObject({ status: 400 });
  });

  it('counts: every attack refused on 18.16 and on 26.x, none reads a foreign row', async () => {
    let refused18 = 0;
    let refused26 = 0;
    for (const a of ATTACKS) {
      const o18 = await outcome(runner18, a);
      const o26 = await outcome(runner26, a);
      if ('refused' in o18) refused18++;
      else expect(leaks(o18.rows), a.name).toBe(false);
      if ('refused' in o26) refused26++;
      else expect(leaks(o26.rows), a.name).toBe(false);
    }
    console.log(`ClickHouse attack corpus: ${ATTACKS.length} texts; refused ${refused18} on 18.16, ${refused26} on 26.x`);
    expect([refused18, refused26]).toEqual([ATTACKS.length, ATTACKS.length]);
  }, 180_000);
});

describe("client_a's own queries", () => {
  it.each(OWN_QUERIES)('%s works on 18.16 and on 26.x (native query parameters, for real)', async (_name, sql, rows) => {
    const params = { r: ['North', 'South'] };
    expect((await runner18.run(sql, params)).rows).toEqual(rows);
    expect((await runner26.run(sql, params)).rows).toEqual(rows);
  });

  it('binds hostile param values natively on 26.x: they round-trip and match nothing', async () => {
    for (const v of ["' OR 1=1 --", "\\'", '{dl_p0:String}', '`client_b`.secrets_b', '\u0000\n']) {
      expect((await runner26.run('SELECT :v AS v', { v })).rows).toEqual([[v]]);
      expect((await runner26.run('SELECT count() FROM sales WHERE dl_in(region, :v)', { v: [v] })).rows).toEqual([[0]]);
    }
  });
});

describe("what the lexer guard (18.16) accepts, 26.x's parser confirms", () => {
  /** Compiled as the runner sends it, then asked of 26.x: only client_a and allowlisted functions. */
  async function confirm(sql: string, params: Record<string, unknown> = {}): Promise<void> {
    const tokens = checkStatement(lex(sql, 'clickhouse'));
    checkHygiene(tokens);
    const compiled = compileClickHouse(tokenize(sql, 'clickhouse'), params, 'native');
    checkTouched(await parser26.touches(compiled.sql, compiled.queryParams), 'client_a');
  }

  it('for every own query and every attack it lets through (none)', async () => {
    for (const [, sql] of OWN_QUERIES) await confirm(sql, { r: ['North'] });
    expect(ATTACKS.filter((a) => lexerAccepts(a.sql)).map((a) => a.name)).toEqual([]);
  });

  // Texts built from the pieces the attacks use: database spellings, escapes, quotes, braces,
  // digits, comments and functions, in every position a table or a call can take.
  const db = fc.constantFrom('client_a', 'client_b', '`client_b`', '"client_b"', '`\\x63lient_b`', '`client\\_b`', '2024client', '`2024client`', 'system', '`\\x73ystem`', 'default', 'INFORMATION_SCHEMA', '{dl_p0: Identifier}', 'CLIENT_B', 'client_a/**/');
  const table = fc.constantFrom('sales', 'secrets_b', 't', 'tables', 'one', '`sales`', '{dl_p1: Identifier}');
  const fn = fc.constantFrom('sum', 'count', 'toString', 'merge', '`merge`', '"merge"', 'file', '`file`', 'url', '"url"', 'remote', '`remote`', 'hasColumnInTable', '`hasColumnInTable`', 'dictGet', 'numbers', 'concat', 'MERGE', '`\\x6derge`');
  const arg = fc.constantFrom("'client_b'", "'^s'", 'region', '1', "'users.xml'", 'client_b.secrets_b', '(SELECT 1)');
  const sep = fc.constantFrom(' ', '  ', '/**/', '\n', '\t');
  const source = fc.oneof(
    fc.tuple(db, sep, table).map(([d, s, t]) => `${d}${s === ' ' ? '' : s}.${t}`),
    table,
    fc.tuple(fn, fc.array(arg, { minLength: 0, maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
    fc.tuple(db, table).map(([d, t]) => `(SELECT * FROM ${d}.${t})`),
  );
  const text = fc.oneof(
    fc.tuple(sep, source).map(([s, src]) => `SELECT *${s}FROM ${src}`),
    fc.tuple(fn, arg, source).map(([f, a, src]) => `SELECT ${f}(${a}) FROM ${src}`),
    fc.tuple(source).map(([src]) => `SELECT count() FROM sales WHERE region IN ${src}`),
    fc.tuple(source, source).map(([a, b]) => `SELECT * FROM ${a} ALL INNER JOIN ${b} USING region`),
    fc.tuple(fn, arg).map(([f, a]) => `SELECT ${f}(${a}) AS v WHERE :p = :p`),
  );

  it('for a fuzzed corpus (400 texts): the lexer guard accepts nothing 26.x reads outside client_a, and the runner on 26.x returns no foreign row', async () => {
    let accepted18 = 0;
    let accepted26 = 0;
    await fc.assert(
      fc.asyncProperty(text, async (sql) => {
        const params = { p: 'client_b' };
        if (lexerAccepts(sql)) {
          accepted18++;
          await confirm(sql, params);
        }
        const o = await outcome(runner26, { name: 'fuzz', sql, params });
        if ('rows' in o) {
          accepted26++;
          expect(leaks(o.rows), sql).toBe(false);
        } else {
          expect(o.status, sql).toBeLessThan(500);
        }
      }),
      { numRuns: 400, seed: 19 },
    );
    console.log(`fuzzed corpus: 400 texts; accepted by the lexer guard ${accepted18}, run on 26.x ${accepted26}`);
    expect(accepted18).toBeGreaterThan(0);
  }, 180_000);
});
