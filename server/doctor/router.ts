import express, { Router, type Response } from 'express';
import * as z from 'zod';
import { parseBody } from '../rpc/validate.js';
import { parseTarget } from '../datasources/clickhouse/target.js';
import { MockError } from '../errors/catalogue.js';
import { auditClickHouse } from './clickhouse/audit.js';
import { diagnose } from './engine.js';
import { emulatorEnv, type DoctorState } from './env.js';
import { renderDoctorPage } from './render/html.js';
import type { PartnerService } from '../partner/service.js';
import type { Report } from './report.js';

/** What the doctor's pages read: the emulator as the doctor sees it, with a partner service whose audit gives the doctor's report. */
export interface DoctorRouterState extends DoctorState {
  partner?: PartnerService<Report>;
}

const validateBody = z
  .object({
    /** A token, an embed link or a partner access token. */
    input: z.string(),
    /** A public key (PEM) to check the signature with, as `doctor --key` sends it. */
    key: z.string().optional(),
  })
  .strict();

const pageForm = z.object({ input: z.string().default(''), key: z.string().default('') });
const clickhouseForm = z.object({
  connectorId: z.string().default(''),
  url: z.string().default(''),
  username: z.string().default(''),
  password: z.string().default(''),
  databases: z.string().default(''),
});

/** The URL to show again on the page: credentials typed into it are dropped. */
function withoutCredentials(url: string): string {
  try {
    return parseTarget({ url }).url;
  } catch {
    return '';
  }
}

/** Tokens are secrets: the page is never cached or framed, and runs no script at all. */
function pageHeaders(res: Response): void {
  res.set({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
  });
}

/**
 * The doctor inside the emulator: `POST /_mock/validate {input, key?}` answers the
 * report as JSON; `GET /_mock/doctor` is a page to paste a token or a link into. Both use the
 * emulator's own state and clock. Mounted before mockRouter, whose last handler is a 404.
 */
export function doctorRouter(ctx: DoctorRouterState): Router {
  const router = Router();
  // A 30 KB token, a link around it and a key fit easily; more is not a doctor input.
  const limit = '1mb';

  router.post('/validate', express.json({ limit }), async (req, res) => {
    const body = parseBody(validateBody, req.body, 'POST /_mock/validate');
    res.set('Cache-Control', 'no-store');
    res.json(await diagnose(body.input, await emulatorEnv(ctx, { key: body.key })));
  });

  router.get('/doctor', (_req, res) => {
    pageHeaders(res);
    res.send(renderDoctorPage({}));
  });

  router.post('/doctor', express.urlencoded({ extended: false, limit }), async (req, res) => {
    const { input, key } = parseBody(pageForm, req.body, 'POST /_mock/doctor');
    const report = await diagnose(input, await emulatorEnv(ctx, key.trim() ? { key } : {}));
    pageHeaders(res);
    res.send(renderDoctorPage({ input, report }));
  });

  // The ClickHouse audit: a registered connector's (as POST /_mock/partner/connectors/<id>/audit), or a cluster typed in.
  router.post('/doctor/clickhouse', express.urlencoded({ extended: false, limit }), async (req, res) => {
    const f = parseBody(clickhouseForm, req.body, 'POST /_mock/doctor/clickhouse');
    const databases = f.databases.split(/[\s,]+/).filter(Boolean);
    let report;
    if (f.connectorId.trim()) {
      if (!ctx.partner) throw new MockError('INVALID_BODY', { field: 'connectorId', message: 'Partner connectors are not available in this emulator.' });
      report = await ctx.partner.audit(f.connectorId.trim());
    } else {
      const target = parseTarget({ url: f.url, ...(f.username && { username: f.username }), ...(f.password && { password: f.password }) }, 'url');
      report = await auditClickHouse(target, { databases });
    }
    pageHeaders(res);
    res.send(renderDoctorPage({ report, clickhouse: { connectorId: f.connectorId, url: withoutCredentials(f.url), username: f.username, databases: f.databases } }));
  });

  return router;
}
