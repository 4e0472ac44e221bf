import express, { Router, type Request, type Response } from 'express';
import type { DoctorRouterState } from '../doctor/router.js';
import { MockError } from '../errors/catalogue.js';
import { demoRouter, type DemoState } from '../routes/demo.js';
import { lazyRouter } from '../routes/lazy.js';
import * as emulator from './emulator.js';
import type { EmulatorControlState } from './emulator.js';
import * as faults from './faults.js';
import type { FaultControlState } from './faults.js';
import { getHostPage, hostPageBody, putHostPage, type HostPageState } from './host-pages.js';
import * as journal from './journal.js';
import type { JournalControlState } from './journal.js';
import * as namespaces from './namespaces.js';
import { mintToken, type TokenState } from './tokens.js';

/** What the admin API reads and changes: the sum of what each of its handlers and routers names. */
export type ControlState = EmulatorControlState &
  FaultControlState &
  HostPageState &
  JournalControlState &
  TokenState &
  DemoState &
  DoctorRouterState;

type Handler = (ctx: ControlState, req: Request, res: Response) => void | Promise<void>;

/**
 * Every `/_mock/*` route of the admin API with its handler, in one table (docs/testing.md describes
 * them). Paths are relative to `/_mock`; in a namespace, to `/_ns/<name>/_mock`.
 */
export const CONTROL_ROUTES: readonly [method: 'get' | 'post' | 'put' | 'delete', path: string, handler: Handler][] = [
  ['get', '/health', emulator.health],
  ['post', '/reset', emulator.reset],
  ['get', '/clock', emulator.getClock],
  ['post', '/clock', emulator.setClock],
  ['get', '/settings', emulator.getSettings],
  ['post', '/settings', emulator.setSettings],
  ['get', '/datasource/tables', emulator.listTables],
  ['put', '/datasource/tables/:table', emulator.putTable],
  ['post', '/tokens', mintToken],
  ['get', '/journal', journal.listJournal],
  ['get', '/journal/:id', journal.getJournalEntry],
  ['delete', '/journal', journal.clearJournal],
  ['get', '/ui', journal.journalPage],
  ['get', '/ui/requests/:id', journal.journalEntryPage],
  ['post', '/faults', faults.addFault],
  ['get', '/faults', faults.listFaults],
  ['delete', '/faults', faults.clearFaults],
  ['delete', '/faults/:id', faults.removeFault],
  ['get', '/namespaces', namespaces.listNamespaces],
  ['put', '/namespaces/:name', namespaces.putNamespace],
  ['delete', '/namespaces/:name', namespaces.deleteNamespace],
  ['delete', '/namespaces', namespaces.deleteNamespaces],
  ['put', '/host-pages/:name', putHostPage],
  ['get', '/host-pages/:name', getHostPage],
];

/**
 * Routers of their own domains, mounted under `/_mock` after the table:
 * - `/partner/*`: partner connectors (server/partner/routes.ts);
 * - `/doctor*`: the doctor's pages, loaded on first use (server/doctor/router.ts);
 * - `/demo`: the demo host page (server/routes/demo.ts).
 */
function domainRouters(ctx: ControlState): Router {
  const router = Router();
  if (ctx.partner) router.use('/partner', ctx.partner.router);
  router.use(lazyRouter(async () => (await import('../doctor/router.js')).doctorRouter(ctx)));
  router.use(demoRouter(ctx));
  return router;
}

/** The admin API: the table above, then the domain routers, then a 404 that names the control. */
export function controlRouter(ctx: ControlState): Router {
  const router = Router();
  router.use(express.json({ limit: '100mb' }));
  router.put('/host-pages/:name', hostPageBody);
  for (const [method, path, handler] of CONTROL_ROUTES) {
    // Express 5 passes a thrown error or a rejected promise to the error middleware.
    router[method](path, (req: Request, res: Response) => handler(ctx, req, res));
  }
  router.use(domainRouters(ctx));
  router.use((req) => {
    throw new MockError('ROUTE_NOT_FOUND', { message: `No emulator control ${req.method} /_mock${req.path}.` });
  });
  return router;
}
