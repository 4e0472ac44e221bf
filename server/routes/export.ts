import express, { Router } from 'express';
import type { GatewayState } from '../gateway/pipeline.js';
import { MockError } from '../errors/catalogue.js';
import { toCsv } from '../export/csv.js';
import { parseExportRequest } from '../export/request.js';
import { asController, authenticateRequest } from './controller.js';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * `POST {apiPrefix}/export` (docs/fidelity.md, "Export"): converts the chart data the page posts to CSV
 * or XLSX; it never queries data again. The token is verified as for `run`, and the embed must have
 * `settings.enableExport: true` (the real server-side check is unknown; the emulator refuses).
 */
export function exportRouter(ctx: GatewayState): Router {
  const router = Router();
  // DataLens caps the export body at 100 MB (413 beyond).
  router.post('/export', asController('export'), express.json({ limit: '100mb' }), async (req, res) => {
    const auth = await authenticateRequest(ctx, req, res);
    if (auth.embed.settings.enableExport !== true) {
      throw new MockError('EXPORT_NOT_ALLOWED', {
        message: `Embed ${auth.embed.embedId} does not allow data export (settings.enableExport is not true).`,
      });
    }
    const request = parseExportRequest(req.body, ctx.clock.now());
    // The XLSX writer loads on the first XLSX export, not at start.
    const file = request.format === 'csv' ? Buffer.from(toCsv(request.table, request.csv), 'utf8') : (await import('../export/xlsx.js')).toXlsx(request.table);
    const name = `${request.filename}.${request.format}`;
    res.setHeader('Content-Type', CONTENT_TYPES[request.format]);
    res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(file);
  });
  return router;
}
