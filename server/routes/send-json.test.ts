import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sendJson } from './send-json.js';

/** Two routes of an app set up as app.ts sets it up: one answers with res.json, one with sendJson. */
function makeApp(body: unknown) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.post('/express', (_req, res) => void res.json(body));
  app.post('/ours', (_req, res) => sendJson(res, body));
  return app;
}

describe('sendJson answers as res.json does', () => {
  it.each([
    ['a run answer', { entryId: 'c1', type: 'chart', params: { region: 'North' }, data: { columns: ['a'], rows: [['x']] } }],
    ['non-ASCII text', { title: 'Выручка — €', emoji: '📈' }],
    ['an empty object', {}],
    ['characters HTML would sniff', { html: '<script>&</script>' }],
  ])('%s', async (_name, body) => {
    const app = makeApp(body);
    const [ours, theirs] = [await request(app).post('/ours'), await request(app).post('/express')];
    const headers = (h: Record<string, string>) => ({ ...h, date: undefined });
    expect(ours.status).toBe(theirs.status);
    expect(headers(ours.headers)).toEqual(headers(theirs.headers));
    expect(ours.text).toBe(theirs.text);
    expect(JSON.parse(ours.text)).toEqual(body);
  });
});
