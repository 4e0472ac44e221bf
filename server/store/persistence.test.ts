import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_KEY, tokenFor } from '../testing/fixtures.js';
import { kill, serve } from '../testing/spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'dlm-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rpc(url: string, method: string, body: object) {
  const res = await fetch(`${url}/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as any;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

describe('state in --data-dir', () => {
  it('survives SIGKILL right after an RPC returned, and a restart', async () => {
    const first = await serve(['--data-dir', dir, '--quiet']);
    const { workbookId } = await rpc(first.url, 'createWorkbook', { title: 'Persist' });
    const { embeddingSecretId } = await rpc(first.url, 'createEmbeddingSecret', { workbookId, title: 'k', publicKey: DEMO_PUBLIC_KEY });
    const { entryId } = await rpc(first.url, 'createChart', { workbookId, title: 'c', rows: [{ a: 'kept' }] });
    const { embedId } = await rpc(first.url, 'createEmbed', { title: 'e', embeddingSecretId, entryId });
    await kill(first.child, 'SIGKILL');

    const second = await serve(['--data-dir', dir, '--quiet']);
    try {
      const embed = await rpc(second.url, 'getEmbed', { embedId });
      expect(embed.entryId).toBe(entryId);
      const res = await fetch(`${second.url}/api/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dl-embed-token': await tokenFor(embedId) },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.rows).toEqual([['kept']]);
    } finally {
      await kill(second.child);
    }
  }, 120_000);
});
