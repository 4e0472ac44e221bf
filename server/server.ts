import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { createApp } from './app.js';
import { DEFAULTS, type ServerOptions } from './core/config.js';
import type { AppContext } from './emulator/context.js';
import { createEmulator, type NamespaceOrigin } from './emulator/index.js';
import type { SeedResult } from './seed/load.js';
import type { TlsInfo } from './tls/info.js';

/** Request headers up to 96 KB, so that a 30 KB token reaches the checks (docs/fidelity.md, "Token rules"). */
export const MAX_HEADER_SIZE = 96 * 1024;

/**
 * An emulator instance with its full context. The library entries publish a narrower view of the
 * same object (server/public-api.ts); `internalsOf` turns that view back into this one.
 */
export interface MockApp {
  app: express.Express;
  ctx: AppContext;
  /** What --seed / --demo / seedData created (refreshed by every reset): `ctx.seed`. */
  readonly seed: SeedResult;
  close(): Promise<void>;
}

/**
 * Builds a seeded emulator without a listening socket: `app` is ready for supertest. The store is
 * in memory unless `dataDir` is given. The state lives in server/emulator; this adds the app.
 */
export function createMockApp(options: ServerOptions = {}): Promise<MockApp> {
  return buildMockApp(options);
}

async function buildMockApp(options: ServerOptions, origin?: NamespaceOrigin): Promise<MockApp> {
  const ctx = await createEmulator(options, { spawnNamespace, origin });
  const app = createApp(ctx);
  return Object.defineProperty({ app, ctx, close: () => ctx.close() }, 'seed', { get: () => ctx.seed, enumerable: true }) as MockApp;
}

/**
 * A namespace's emulator: the parent's options (seed, demo, precedence, strict, API prefix, journal)
 * with an in-memory state of its own, made from the parent's seed snapshot.
 */
function spawnNamespace(parent: AppContext, origin: NamespaceOrigin): Promise<MockApp> {
  const { port: _port, host: _host, dataDir: _dataDir, ...options } = parent.options;
  return buildMockApp({ ...options, inMemory: true }, origin);
}

/** The full instance behind a published `MockApp` (createMockApp / createMockServer return this one). */
export function internalsOf<T extends object>(mock: T): MockApp & Omit<T, keyof MockApp> {
  return mock as unknown as MockApp & Omit<T, keyof MockApp>;
}

export interface MockServer extends MockApp {
  /** Base URL, e.g. http://127.0.0.1:8080 (https:// with `tls`) */
  url: string;
  port: number;
  server: Server;
  /** With `tls`: the local CA to trust (path, PEM, SPKI hash) and the names the certificate covers. */
  tls?: TlsInfo;
}

/** Starts an in-process emulator (README, "Testing your embed"). `port: 0` (the default here) picks a free port. */
export async function createMockServer(options: ServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULTS.host;
  // Before the app: an unusable CA stops the start before anything is seeded.
  const inMemory = options.inMemory ?? options.dataDir === undefined;
  // The TLS authority (node-forge) and node:https load only for `tls`: a plain start never pays for them.
  const tls = options.tls
    ? (await import('./tls/index.js')).tlsMaterial({ dataDir: inMemory ? undefined : (options.dataDir ?? DEFAULTS.dataDir), host, allowedHosts: options.allowedHosts, renew: options.tlsRenew })
    : undefined;
  const mock = await createMockApp(options);
  const server: Server = tls
    ? (await import('node:https')).createServer({ maxHeaderSize: MAX_HEADER_SIZE, key: tls.key, cert: tls.cert }, mock.app)
    : createServer({ maxHeaderSize: MAX_HEADER_SIZE }, mock.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e: unknown) => {
    tls?.dispose();
    throw e;
  });
  // DataLens key 1 of partner connectors, when the store has none, is generated from here on in the
  // background (reading `ready` starts it): the start-up itself does not share the CPU with it.
  void mock.ctx.partner?.ready;
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const closeApp = mock.close;
  return Object.assign(mock, {
    url,
    port,
    server,
    tls: tls && { caPath: tls.caPath, caCert: tls.caCert, spkiSha256: tls.spkiSha256, names: tls.names },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeApp();
      tls?.dispose();
    },
  });
}
