import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../server.js';
import { makeApp } from '../testing/fixtures.js';
import { parseSeed, readSeedFile, SeedError } from './load.js';
import { seedJsonSchema } from './schema.js';

const fixtures = join(import.meta.dirname, '../../client-fixtures');

describe('seed files', () => {
  it('the shipped basic.yaml seeds workbooks, charts, a dashboard and embeds with fixed IDs', async () => {
    const mock = await createMockApp({ inMemory: true, quiet: true, seed: join(fixtures, 'seeds/basic.yaml') });
    try {
      expect(Object.keys(mock.seed.embeds)).toEqual(['chart', 'dash']);
      expect(mock.seed.embeds.chart.embedId).toBe('basicembed001');
      expect(mock.seed.embeds.chart.privateKey).toContain('PRIVATE KEY');
      expect(mock.seed.embeds.dash.depsIds.sort()).toEqual(['basicchart001', 'basicchart002']);
      const health = await request(mock.app).get('/_mock/health');
      expect(health.body).toEqual({ status: 'ok' });
    } finally {
      await mock.close();
    }
  });

  it('reports every schema problem with its path', () => {
    try {
      parseSeed({ workbooks: [{ title: '', charts: [{ title: 'c', visualization: 'donut' }], colour: 1 }] }, 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SeedError);
      const msg = (e as Error).message;
      expect(msg).toContain('bad.yaml');
      expect(msg).toMatch(/workbooks\[0\]\.title/);
      expect(msg).toMatch(/workbooks\[0\]\.charts\[0\]\.visualization/);
      expect(msg).toMatch(/colour/);
    }
  });

  it('reports a broken reference with the seed path of the object', async () => {
    await expect(
      makeApp({
        workbooks: [
          {
            title: 'w',
            secrets: [{ key: 'k', title: 'k' }],
            embeds: [{ title: 'e', secret: 'k', entry: 'no-such-chart' }],
          },
        ],
      }),
    ).rejects.toThrow(/workbooks\[0\]\.embeds\[0\].*no-such-chart/);
  });

  it('reports YAML syntax errors and missing files clearly', async () => {
    await expect(readSeedFile('/nonexistent/seed.yaml')).rejects.toThrow(/cannot read the file/);
    const bad = join(import.meta.dirname, '../../client-fixtures/seeds/basic.yaml');
    expect(await readSeedFile(bad)).toHaveProperty('workbooks');
  });

  it('re-applying a seed with a fixed workbook ID replaces that workbook (idempotent restarts)', async () => {
    const mock = await createMockApp({ inMemory: true, quiet: true, seed: join(fixtures, 'seeds/basic.yaml') });
    try {
      await request(mock.app).post('/_mock/reset').expect(200);
      expect(mock.ctx.store.workbooks.list().map((w) => w.workbookId)).toEqual(['basicworkbook']);
      expect(mock.ctx.store.embeds.list()).toHaveLength(2);
    } finally {
      await mock.close();
    }
  });

  it('the shipped JSON Schema is up to date (regenerate: npm run build && node scripts/seed-schema.mjs)', () => {
    const shipped = JSON.parse(readFileSync(join(fixtures, 'seed.schema.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(seedJsonSchema())));
  });
});
