import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CH_USERS, startClickHouse, type TestClickHouse } from './clickhouse.js';

let ch: TestClickHouse;
beforeAll(async () => {
  ch = await startClickHouse();
});
afterAll(() => ch?.stop());

const ask = async (user: keyof typeof CH_USERS, sql: string, settings = '') => {
  const u = CH_USERS[user];
  const res = await fetch(`${ch.url}/?user=${u.username}&password=${encodeURIComponent(u.password)}${settings}`, { method: 'POST', body: sql });
  return { status: res.status, text: (await res.text()).trim() };
};

describe('the test ClickHouse server', () => {
  it('fails with a clear message, never a skip, when clickhouse-server is missing', async () => {
    await expect(startClickHouse({ bin: '/nonexistent/clickhouse-server' })).rejects.toThrow(/clickhouse-server is not installed .*install-system-deps\.sh/);
  });

  it('answers /ping on loopback and loads both client databases', async () => {
    expect(ch.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ch.startMs).toBeGreaterThan(0);
    expect(await ch.admin('SELECT count() FROM client_a.sales')).toBe('3\n');
    expect(await ch.admin('SELECT count() FROM client_b.sales')).toBe('2\n');
  });

  it('has the users the audit needs: readonly 2, 0 and 1, each with its password', async () => {
    for (const [user, { readonly }] of Object.entries(CH_USERS) as [keyof typeof CH_USERS, { readonly: number }][]) {
      expect((await ask(user, "SELECT value FROM system.settings WHERE name = 'readonly'")).text, user).toBe(String(readonly));
    }
    expect((await ask('datalens', 'SELECT 1', '&max_execution_time=5')).text).toBe('1');
    expect((await ask('strict', 'SELECT 1', '&max_execution_time=5')).text).toMatch(/readonly/i);
    expect((await ask('datalens', 'CREATE TABLE client_a.x (a UInt8) ENGINE = Memory')).text).toMatch(/readonly/i);
  });
});
