import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { MockApp as PublicMockApp } from './public-api.js';
import { createApp } from './app.js';
import { Clock } from './clock.js';
import { DEFAULTS, initialSettings, type ServerOptions } from './config.js';
import type { AppContext } from './context.js';
import { EmbeddedDatasource } from './datasources/embedded.js';
import { applySeed, parseSeed, readSeedFile, type SeedResult } from './seed/load.js';
import { demoSeed } from './seed/demo.js';
import { createPartnerService } from './partner/service.js';
import { partnerRpcMethods } from './partner/rpc.js';
import { Store } from './store/index.js';
import { PublicKeyCache } from './tokens/keys.js';
import { tlsMaterial, type TlsInfo } from './tls/index.js';

/** Request headers up to 96 KB, so that a 30 KB token reaches the checks (docs/fidelity.md, "Token rules"). */
export const MAX_HEADER_SIZE = 96 * 1024;

/**
 * An emulator instance with its full context. The library entries publish a narrower view of the
 * same object (server/public-api.ts); `internalsOf` turns that view back into this one.
 */
export interface MockApp {
  app: express.Express;
  ctx: AppContext;
  /** What --seed / --demo / seedData created (refreshed by every reset). */
  seed: SeedResult;
  close(): Promise<void>;
}

const emptySeed = (): SeedResult => ({ workbooks: {}, secrets: {}, entries: {}, embeds: {} });

/**
 * Builds a seeded emulator without a listening socket: `app` is ready for supertest. The store is
 * in memory unless `dataDir` is given.
 */
export async function createMockApp(options: ServerOptions = {}): Promise<MockApp> {
  const inMemory = options.inMemory ?? options.dataDir === undefined;
  const store = new Store({ inMemory, dataDir: options.dataDir ?? DEFAULTS.dataDir });
  const datasource = new EmbeddedDatasource();
  datasource.load(store.datasource.list());
  const mock: MockApp = { app: undefined as never, ctx: undefined as never, seed: emptySeed(), close: async () => {} };

  const seedAll = async () => {
    const seed = emptySeed();
    const merge = (r: SeedResult) => {
      for (const k of ['workbooks', 'secrets', 'entries', 'embeds'] as const) Object.assign(seed[k], r[k]);
      if (r.partner) {
        seed.partner ??= { connectors: {}, connections: {} };
        Object.assign(seed.partner.connectors, r.partner.connectors);
        Object.assign(seed.partner.connections, r.partner.connections);
      }
    };
    if (options.demo) merge(await applySeed(ctx, parseSeed(demoSeed(), 'demo'), 'demo'));
    if (options.seed) merge(await applySeed(ctx, parseSeed(await readSeedFile(options.seed), options.seed), options.seed));
    if (options.seedData !== undefined) merge(await applySeed(ctx, parseSeed(options.seedData, 'seedData'), 'seedData'));
    mock.seed = seed;
    ctx.seed = seed;
  };

  const ctx: AppContext = {
    options: { ...options, apiPrefix: options.apiPrefix ?? DEFAULTS.apiPrefix },
    store,
    clock: new Clock(),
    settings: initialSettings(options),
    keys: new PublicKeyCache(),
    datasource,
    seed: emptySeed(),
    ready: false,
    rpcMethods: {},
    log: (msg) => {
      if (!options.quiet) process.stderr.write(`${msg}\n`);
    },
    async reset() {
      // All state: stored objects, client databases, the clock and the run-time settings.
      store.reset();
      ctx.clock.set(null);
      Object.assign(ctx.settings, initialSettings(options));
      ctx.partner?.reset();
      datasource.load([]);
      await seedAll();
    },
  };
  mock.ctx = ctx;
  // Partner key generation runs in the background; partner routes wait for it themselves.
  ctx.partner = createPartnerService(ctx);
  Object.assign(ctx.rpcMethods, partnerRpcMethods);
  mock.app = createApp(ctx);
  await seedAll();
  ctx.ready = true;
  mock.close = async () => {
    await ctx.namespaces?.closeAll();
    ctx.partner?.close();
    datasource.close();
    store.close();
  };
  return mock;
}

/** The full instance behind a published `MockApp` (createMockApp / createMockServer return this one). */
export function internalsOf<T extends PublicMockApp>(mock: T): MockApp & Omit<T, keyof MockApp> {
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
  const tls = options.tls
    ? tlsMaterial({ dataDir: inMemory ? undefined : (options.dataDir ?? DEFAULTS.dataDir), host, allowedHosts: options.allowedHosts, renew: options.tlsRenew })
    : undefined;
  const mock = await createMockApp(options);
  const server: Server = tls
    ? createHttpsServer({ maxHeaderSize: MAX_HEADER_SIZE, key: tls.key, cert: tls.cert }, mock.app)
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
