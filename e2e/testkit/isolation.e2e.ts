// No cross-talk between tests running at the same time on one seed (fixed IDs: every namespace has
// the same embedIds). Each test pins its own clock, its own precedence and, for odd ones, a fault on
// the very embed the others open; any leak shows up as a wrong param, an error or a foreign journal entry.
// Under `testkit-shared` both workers use ONE emulator; a file barrier makes two tests overlap.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, Dl } from 'datalens-mock/playwright';
import type { BrowserContext, TestInfo } from '@playwright/test';

test.describe.configure({ mode: 'parallel' });

const REGIONS = ['North', 'South', 'East', 'West'] as const;

/** Waits (up to 15 s) until another test of this project has set its state too, so the two overlap. */
async function meetPeer(testInfo: TestInfo, idx: number): Promise<boolean> {
  // Workers are children of the runner: its pid names this run.
  const dir = join(tmpdir(), `dl-testkit-barrier-${process.ppid}-${testInfo.project.name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(idx)), String(process.pid));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (readdirSync(dir).length >= 2) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  testInfo.annotations.push({ type: 'no-peer', description: 'no other test overlapped this one' });
  return false;
}

for (const [idx, region] of REGIONS.entries()) {
  const unsignedWins = idx % 2 === 1;
  test(`test ${idx} sees only its own clock, settings, faults and journal`, async ({ page, dl }, testInfo) => {
    const pinned = 2_000_000_000 + idx * 1000;
    await dl.setClock(pinned);
    await dl.setSettings({ precedence: unsignedWins ? 'unsigned-wins' : 'signed-wins' });
    if (unsignedWins) await dl.addFault({ route: 'run', embedId: 'orders', status: 500, times: 1 });
    await meetPeer(testInfo, idx);

    // Signed is this test's region, the link says Books + another region: precedence decides.
    const linkRegion = REGIONS[(idx + 1) % 4];
    const frame = await dl.openEmbed(page, 'orders', { signedParams: { region }, params: { region: linkRegion, category: 'Books' } });
    if (unsignedWins) {
      await expect(frame).toHaveEmbedStatus('error'); // our own fault, once
      await dl.updateToken(frame, await dl.signToken({ embedId: 'orders', params: { region } }));
    }
    await expect(frame).toHaveEffectiveParams({ region: unsignedWins ? linkRegion : region, category: 'Books' });

    expect(await dl.clock()).toEqual({ now: pinned, pinned: true });
    const entries = await dl.journal({ kind: 'gateway' });
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.clock).toBe(pinned);
      expect((e.token as { payload?: { params?: { region?: string } } }).payload?.params?.region).toBe(region);
    }
    expect(entries.filter((e) => e.verdict === 'rejected')).toHaveLength(unsignedWins ? 1 : 0);
  });
}

test('two namespaces driven side by side by one test never mix', async ({ browser, dl }) => {
  const twinName = `${dl.namespaceName}-twin`;
  const twin = new Dl(dl.namespace(twinName).baseUrl, twinName);
  const contexts: BrowserContext[] = [await browser.newContext(), await browser.newContext()];
  try {
    const [pageA, pageB] = await Promise.all(contexts.map((c) => c.newPage()));
    await dl.setSettings({ precedence: 'unsigned-wins' });
    await twin.addFault({ route: 'run', status: 503 });
    const [a, b] = await Promise.all([
      dl.openEmbed(pageA, 'orders', { signedParams: { region: 'North' }, params: { region: 'South' } }),
      twin.openEmbed(pageB, 'orders', { signedParams: { region: 'North' }, params: { region: 'South' } }),
    ]);
    await expect(a).toHaveEffectiveParams({ region: 'South' });
    await expect(b).toHaveEmbedStatus('error');
    expect((await twin.settings()).precedence).toBe('signed-wins');
    expect(await dl.faults()).toEqual([]);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    await dl.root().request('DELETE', `/_mock/namespaces/${twinName}`).catch(() => undefined);
  }
});
