// The emulator instance as the library entries publish it: a Node request listener and a narrow
// context. The published declarations then need no Express or better-sqlite3 types; the full
// context (store, journal, namespaces) stays internal (server/server.ts).
import type { RequestListener, Server } from 'node:http';
import type { Clock } from './core/clock.js';
import type { RuntimeSettings, ServerOptions } from './core/config.js';
import type { SeedResult } from './seed/result.js';
import type { TlsInfo } from './tls/info.js';
import { createMockApp as createInternalApp, createMockServer as createInternalServer } from './server.js';

/** What a test may reach inside an emulator without HTTP. */
export interface MockContext {
  /** The options it was created with (`apiPrefix` filled in). */
  readonly options: ServerOptions & { apiPrefix: string };
  /** The emulator clock: `clock.set(unixSeconds)` pins it, `clock.set(null)` returns to real time. */
  readonly clock: Clock;
  /** The run-time settings of `/_mock/settings` (precedence, strict, clock tolerance, ...). */
  readonly settings: RuntimeSettings;
  /** What the seed created (refreshed by every reset). */
  readonly seed: SeedResult;
  /**
   * `POST /_mock/reset`: back to the seeded state (restored from the snapshot taken right after
   * seeding); the clock and settings return to their start values, the journal, faults and host pages empty.
   */
  reset(): Promise<void>;
}

export interface MockApp {
  /** The emulator as a Node request listener: give it to supertest or `http.createServer`. */
  app: RequestListener;
  ctx: MockContext;
  /** What --seed / --demo / seedData created (refreshed by every reset). */
  seed: SeedResult;
  close(): Promise<void>;
}

export interface MockServer extends MockApp {
  /** Base URL, e.g. http://127.0.0.1:8080 (https:// with `tls`) */
  url: string;
  port: number;
  server: Server;
  /** With `tls`: the local CA to trust (path, PEM, SPKI hash) and the names the certificate covers. */
  tls?: TlsInfo;
}

/**
 * A seeded emulator without a listening socket: `app` is ready for supertest. In memory unless
 * `dataDir` is given.
 */
export function createMockApp(options: ServerOptions = {}): Promise<MockApp> {
  return createInternalApp(options);
}

/**
 * An in-process emulator listening on `options.port` (default 0: a free port) of `options.host`
 * (default 127.0.0.1). In memory unless `dataDir` is given.
 */
export function createMockServer(options: ServerOptions = {}): Promise<MockServer> {
  return createInternalServer(options);
}
