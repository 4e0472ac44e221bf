import ExcelJS from 'exceljs';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server.js';
import { IDS, basicSeed, makeApp, tokenFor } from '../testing/fixtures.js';
import { errorMiddleware } from './errors.js';
import { exportRouter } from './export.js';

const EXPORT_EMBED = 'testembedexp1';
let mock: MockApp;
let app: express.Express;

beforeAll(async () => {
  const seed = basicSeed();
  seed.workbooks![0].embeds!.push({ key: 'xe', id: EXPORT_EMBED, title: 'Export allowed', secret: 'k', entry: 'c1', settings: { enableExport: true } });
  mock = await makeApp(seed);
  app = express();
  app.use('/api', exportRouter(mock.ctx));
  app.use(errorMiddleware(() => {}));
});
afterAll(() => mock.close());

const chartData = { columns: ['region', 'amount'], rows: [['North', 10], ['South, West', 20]] };
const body = (format: string, extra: Record<string, unknown> = {}) => ({
  data: encodeURIComponent(JSON.stringify({ formSettings: { format, ...extra }, lang: 'en', chartData, fullHost: 'http://x' })),
  exportFilename: 'Sales',
});

describe('POST /api/export', () => {
  it('returns the posted chart data as a CSV download when the embed allows export', async () => {
    const res = await request(app).post('/api/export').set('x-dl-embed-token', await tokenFor(EXPORT_EMBED)).send(body('csv'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // DataLens names the file itself (downloadConfig.filename or ChartExportData, plus the time) and ignores exportFilename.
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="ChartExportData_\d{4}_\d{2}_\d{2}_\d{2}_\d{2}\.csv"/);
    expect(res.text).toBe('region,amount\r\nNorth,10\r\n"South, West",20\r\n');
  });

  it("names the file from the posted downloadConfig.filename at the emulator clock's time", async () => {
    const now = Math.floor(new Date(2026, 0, 2, 3, 4).getTime() / 1000);
    await request(mock.app).post('/_mock/clock').send({ now }).expect(200);
    try {
      const data = encodeURIComponent(JSON.stringify({ formSettings: { format: 'csv' }, chartData, downloadConfig: { filename: 'Orders' } }));
      const res = await request(app).post('/api/export').set('x-dl-embed-token', await tokenFor(EXPORT_EMBED, { iat: now, exp: now + 60 })).send({ data, exportFilename: 'Ignored' });
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="Orders_2026_01_02_03_04.csv"; filename*=UTF-8''Orders_2026_01_02_03_04.csv`);
    } finally {
      await request(mock.app).post('/_mock/clock').send({ now: null }).expect(200);
    }
  });

  it('returns an XLSX workbook with the rows', async () => {
    const res = await request(app)
      .post('/api/export')
      .set('x-dl-embed-token', await tokenFor(EXPORT_EMBED))
      .send(body('xlsx'))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets[0].getRow(3).values).toEqual([undefined, 'South, West', 20]);
  });

  it('refuses with EXPORT_NOT_ALLOWED when settings.enableExport is not true', async () => {
    const res = await request(app).post('/api/export').set('x-dl-embed-token', await tokenFor(IDS.chartEmbed)).send(body('csv'));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('EXPORT_NOT_ALLOWED');
    expect(res.body.mock.reason).toBe('EXPORT_NOT_ALLOWED');
    expect(res.body.mock.hint).toMatch(/enableExport/);
  });

  it('verifies the token as the gateway does: no header is TOKEN_NOT_FOUND', async () => {
    const res = await request(app).post('/api/export').send(body('csv'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR.CHARTS.TOKEN_NOT_FOUND');
  });

  it('verifies the token as the gateway does: an expired token is refused by the US stage', async () => {
    const token = await tokenFor(EXPORT_EMBED, { iat: 1000, exp: 2000 });
    const res = await request(app).post('/api/export').set('x-dl-embed-token', token).send(body('csv'));
    expect(res.status).toBe(403);
    expect(res.body.mock.reason).toBe('TOKEN_EXPIRED');
  });

  it('answers a malformed body with INVALID_BODY, never a 5xx', async () => {
    const res = await request(app).post('/api/export').set('x-dl-embed-token', await tokenFor(EXPORT_EMBED)).send({ data: { formSettings: { format: 'pdf' } } });
    expect(res.status).toBe(400);
    expect(res.body.mock.reason).toBe('INVALID_BODY');
  });
});
