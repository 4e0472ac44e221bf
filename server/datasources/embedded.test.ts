// The embedded SQLite data source (the default, no setup) runs on the same runner as a client
// database: the statement shape, the query-plan check and the row cap hold here too.
import { afterAll, describe, expect, it } from 'vitest';
import { MockError } from '../errors/catalogue.js';
import { EmbeddedDatasource } from './embedded.js';

const ds = new EmbeddedDatasource();
ds.putTable('sales', [
  { region: 'North', amount: 10 },
  { region: 'South', amount: 20 },
]);
afterAll(() => ds.close());

async function outcome(sql: string, params: Record<string, unknown> = {}) {
  try {
    return (await ds.run(sql, params)).rows;
  } catch (e) {
    if (e instanceof MockError) return e.reason;
    throw e;
  }
}

describe('the embedded data source', () => {
  it('binds :name and dl_in(column, :param) as every backend does', async () => {
    expect(await outcome('SELECT amount FROM sales WHERE region = :r', { r: 'South' })).toEqual([[20]]);
    expect(await outcome('SELECT count(*) FROM sales WHERE dl_in(region, :r)', { r: ['North', 'South'] })).toEqual([[2]]);
    expect(await outcome('SELECT count(*) FROM sales WHERE dl_in(region, :r)', { r: [] })).toEqual([[2]]);
  });

  it.each([
    ['another schema, by the query plan', 'SELECT * FROM temp.sqlite_schema'],
    ['a write', "INSERT INTO sales VALUES ('x', 1)"],
    ['two statements', 'SELECT 1; SELECT 2'],
    ['a PRAGMA', 'PRAGMA table_info(sales)'],
  ])('refuses %s with INVALID_SQL (its own reason, kept)', async (_name, sql) => {
    expect(await outcome(sql)).toBe('INVALID_SQL');
  });

  it('stops a runaway query at the row cap', async () => {
    expect(await outcome('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n')).toBe('PARTNER_RESULT_TOO_LARGE');
  });

  it('checks a chart at creation before its tables exist, and refuses a write then', () => {
    expect(() => ds.check('SELECT x FROM not_loaded_yet WHERE y = :p')).not.toThrow();
    expect(() => ds.check('DELETE FROM not_loaded_yet')).toThrow(expect.objectContaining({ reason: 'INVALID_SQL' }));
  });
});
