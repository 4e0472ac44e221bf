// `serve --host`: a bind beyond loopback is said at start; `--allow-remote-admin` is a flag of its own.
// No test here listens beyond loopback: the warning comes before the bind, so an address this
// machine does not have (TEST-NET-1) shows it and then fails to listen.
import { describe, expect, it } from 'vitest';
import { kill, runCli, serve } from '../testing/spawn.js';

describe('serve --host beyond loopback', () => {
  it('warns before it listens, naming what stays local and the flag', async () => {
    const r = await runCli(['serve', '--in-memory', '--port', '0', '--host', '192.0.2.1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^warning: listening on 192\.0\.2\.1, not on loopback only/);
    expect(r.stderr).toContain("Token minting, the demo page, writes through /rpc and /_mock and the doctor's outbound connections still answer this machine only (--allow-remote-admin lifts that).");
  }, 30_000);

  it('with --allow-remote-admin the warning says what is open', async () => {
    const r = await runCli(['serve', '--in-memory', '--port', '0', '--host', '192.0.2.1', '--allow-remote-admin']);
    expect(r.stderr).toMatch(/With --allow-remote-admin they can also mint tokens.*trusted network only/);
  }, 30_000);

  it.each([['127.0.0.1'], ['::1']])('--host %s: no warning', async (host) => {
    const s = await serve(['--in-memory', '--host', host, '--allow-remote-admin']);
    try {
      expect((await fetch(`${s.url}/_mock/health`)).status).toBe(200);
      expect(s.output()).not.toContain('warning');
    } finally {
      await kill(s.child, 'SIGTERM');
    }
  }, 30_000);
});
