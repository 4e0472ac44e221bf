import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { httpOf, makeApp } from '../testing/fixtures.js';
import { CONTROL_ROUTES } from './routes.js';

const root = join(import.meta.dirname, '../..');
const docs = [readFileSync(join(root, 'README.md'), 'utf8'), ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(root, 'docs', f), 'utf8'))].join('\n');

describe('the /_mock route table', () => {
  it('lists each route once', () => {
    const keys = CONTROL_ROUTES.map(([m, p]) => `${m} ${p}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(CONTROL_ROUTES.map(([m, p]) => [m.toUpperCase(), p]))('%s /_mock%s is documented', (_method, path) => {
    // `:name` in the table is written `<name>` (or `:name`) in the docs.
    const pattern = `/_mock${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?:<[^>]+>|:$1)');
    expect(docs).toMatch(new RegExp(`${pattern}(?![\\w/-])`));
  });

  it('answers an unknown control with a 404 that names it', async () => {
    const mock = await makeApp();
    afterAll(() => mock.close());
    const res = await request(httpOf(mock)).get('/_mock/nothing-here').expect(404);
    expect(res.body.message).toContain('GET /_mock/nothing-here');
  });
});
