// The Playwright fixture behind `datalens-mock/playwright`: one emulator per worker, one namespace
// per test, and helpers that speak the embed's language (tokens, links, postMessage, params).
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import { test as base, type FrameLocator, type Page } from '@playwright/test';
import type { ServerOptions } from '../core/config.js';
import { PRODUCTION_ORIGINS } from '../core/production.js';
import type { MockApp, MockServer } from '../public-api.js';
import { internalsOf } from '../server.js';
import { DlClient, hostOriginFor, linkOrigin, type EmbedUrlOptions } from './client.js';
import { describeDroppedPosts, watchDroppedPosts, type DroppedPost } from './dropped-posts.js';
import { startEmulator } from './emulator.js';
import { describeExpiredTokenRequests, expiredTokenRequests, type ExpiredTokenRequest } from './expired-tokens.js';
import { HOST_IFRAME, effectiveParams, hostPageHtml, tokenGeneration, updateToken, type EmbedFrame } from './frame.js';
import { describeBlocked, guardProductionHosts, type BlockedRequest, type ContextRouting } from './production-guard.js';
import { normalizeOrigin, routeProductionOrigins, routedOrigins } from './production-routes.js';
import { advanceClock, installClock, type AdvanceClockOptions, type InstallClockOptions } from './time-travel.js';

export interface DlOptions {
  /**
   * A seed file (YAML or JSON). A relative path is resolved from the directory of the Playwright
   * config file (`playwright.config.ts`), or from the working directory when there is no config
   * file; an absolute path is used as is.
   */
  seed?: string;
  /** Seed objects given in code (the seed file's shape). */
  seedData?: unknown;
  /** Seed the demo workbook too. */
  demo?: boolean;
  /** Other options of the in-process emulator (precedence, strict, apiPrefix, ...). */
  server?: Omit<ServerOptions, 'seed' | 'seedData' | 'demo' | 'port' | 'dataDir' | 'inMemory' | 'tls' | 'tlsRenew'>;
  /**
   * Use an emulator that is already running (shared by all workers, e.g. started by `webServer` or a
   * container) instead of starting one per worker. Default: the DATALENS_MOCK_URL environment variable.
   * Its seed is its own: `seed`, `seedData` and `demo` must then be left out.
   */
  url?: string;
  /**
   * Origins routed, in each test's browser context, to the test's own namespace: the embed page, its
   * assets and its API calls. An app that hardcodes `https://datalens.ru` (or the legacy
   * `https://datalens.yandex.cloud`) in its iframe `src` and as its postMessage targetOrigin then runs
   * unchanged. Default `['https://datalens.ru', 'https://datalens.yandex.cloud']`; the Public API
   * `https://api.datalens.tech` is routed too (also for the worker's `fetch`). Pass `[]` to turn routing off.
   * Routing runs in every test, whether or not it names `dl`. A request to a production host that is not
   * routed is blocked and fails the test, naming its URL: no test ever reaches real DataLens.
   */
  productionOrigins?: string[];
  /**
   * A page navigation to `https://datalens.yandex.cloud/embeds/*` redirects to the same path, query and hash
   * on `https://datalens.ru`, as production does since 2025-10-09 (default true). `false` serves the legacy
   * host directly, as production did before that date.
   */
  legacyRedirect?: boolean;
  /**
   * Keep Chromium's site isolation (default false: the fixture adds `--disable-site-isolation-trials`).
   * With site isolation, Chromium drops a postMessage sent to the wrong targetOrigin without a word; without
   * it, it logs the mismatch, and the fixture reports it (see `takeDroppedPosts`).
   */
  siteIsolation?: boolean;
}

/** The worker options of the fixture, to type a config: `defineConfig<{}, DlWorkerOptions>({use: {dlOptions: {...}}})`. */
export interface DlWorkerOptions {
  dlOptions: DlOptions;
}

/** A relative `dlOptions.seed` is read from the config file's folder (else the working directory). */
export function resolveSeedPath(seed: string | undefined, configFile: string | undefined): string | undefined {
  if (seed === undefined || isAbsolute(seed)) return seed;
  return resolve(configFile ? dirname(configFile) : process.cwd(), seed);
}

/** The emulator a worker uses: its own in-process one, or a shared one. */
export interface DlWorkerEmulator {
  url: string;
  /** Set when the emulator runs in this worker's process. */
  server?: MockServer;
}

/** `dl`: a client of this test's own namespace, plus page helpers. */
export class Dl extends DlClient {
  private dropped: DroppedPost[] = [];

  constructor(
    baseUrl: string,
    /** This test's namespace: its state (store, clock, settings, journal, faults) is seen by no other test. */
    readonly namespaceName: string,
    private readonly local?: MockServer,
    /** The origins routed to this namespace in the test's browser context (`dlOptions.productionOrigins`). */
    readonly productionOrigins: readonly string[] = [],
    /** What the fixture's production guard records in this test's browser context. */
    private readonly routing: ContextRouting = { routed: productionOrigins, blocked: [] },
  ) {
    super(baseUrl);
  }

  /** Links on a routed production origin have no `/_ns/<name>` path: the route adds it. */
  protected override linkBase(origin: string | undefined): string {
    if (origin === 'production' && this.productionOrigins.length === 0) {
      throw new Error("embedUrl({origin: 'production'}): production routing is off (dlOptions.productionOrigins is []).");
    }
    const o = origin === undefined ? undefined : origin === 'production' ? this.productionOrigins[0] : linkOrigin(origin);
    return o !== undefined && this.productionOrigins.includes(o) ? o : super.linkBase(origin);
  }

  /** Called by the fixture for each dropped post it sees. */
  recordDroppedPost(post: DroppedPost): void {
    this.dropped.push(post);
  }

  /**
   * The host page's postMessage calls the browser dropped because targetOrigin did not match the
   * embed's origin, since the last call. Taking them tells the fixture the test has seen them: a
   * test that leaves any fails at its end with their description.
   */
  takeDroppedPosts(): DroppedPost[] {
    const taken = this.dropped;
    this.dropped = [];
    return taken;
  }

  /**
   * The requests of this test to a real DataLens host that the fixture blocked (a production host not
   * in `dlOptions.productionOrigins`), since the last call. Taking them tells the fixture the test has
   * seen them; a test that leaves any fails at its end naming them.
   */
  takeBlockedRequests(): BlockedRequest[] {
    return this.routing.blocked.splice(0);
  }

  /** The dropped posts nobody took, described; "" when none. */
  describeUntakenDroppedPosts(): string {
    return describeDroppedPosts(this.dropped).trim();
  }

  /**
   * Installs Playwright's clock in `page` at `now` (default: the emulator clock) and pins this test's
   * emulator clock there. Call it before the host page loads; then move both with `advanceClock`.
   */
  installClock(page: Page, o?: InstallClockOptions): Promise<number> {
    return installClock(page, this, o);
  }

  /**
   * Moves the page's clock and the emulator clock forward together by `seconds`: the app's timers
   * fire (its token refresh), and the tokens they produce are judged on the emulator clock. Returns
   * the new time in Unix seconds.
   */
  advanceClock(page: Page, seconds: number, o?: AdvanceClockOptions): Promise<number> {
    return advanceClock(page, this, seconds, o);
  }

  /** Gateway requests of this test whose token had expired on the emulator clock when they arrived. */
  async expiredTokenRequests(): Promise<ExpiredTokenRequest[]> {
    return expiredTokenRequests(await this.journal({ kind: 'gateway', limit: 500 }));
  }

  /** Throws, naming the first offending request, if any gateway request of this test used an expired token. */
  async assertNoExpiredTokens(): Promise<void> {
    const entries = await this.journal({ kind: 'gateway', limit: 500 });
    const found = expiredTokenRequests(entries);
    if (found.length > 0) throw new Error(describeExpiredTokenRequests(found, entries.length));
  }

  /** The namespace's in-process emulator (store, clock, ...), when the worker runs it itself. */
  async app(): Promise<MockApp | undefined> {
    return this.local && internalsOf(this.local).ctx.namespaces?.get(this.namespaceName);
  }

  /** Posts SECURE_EMBEDDING_TOKEN_UPDATE to the iframe and waits until `dl-token-generation` goes up. */
  updateToken(frame: EmbedFrame, token: string, o?: { timeout?: number }): Promise<number> {
    return updateToken(frame, token, o);
  }

  /** The effective params the page shows, once it is not loading. */
  effectiveParams(frame: EmbedFrame, o?: { timeout?: number }): Promise<Record<string, string>> {
    return effectiveParams(frame, o);
  }

  tokenGeneration(frame: EmbedFrame, timeout?: number): Promise<number> {
    return tokenGeneration(frame, timeout);
  }

  /**
   * Opens your host page markup (e.g. an `<iframe src="${await dl.embedUrl(...)}">`) in `page`, on an
   * origin of its own (see `hostPageUrl`). Like `page.setContent`, but on a real http origin, as
   * your site is, instead of about:blank's opaque one.
   */
  async hostPage(page: Page, html: string): Promise<void> {
    await page.goto(await this.hostPageUrl(html));
  }

  /** Opens an embed on a minimal host page of another origin and returns its frame. */
  async openEmbed(page: Page, embed: string | { embedId: string }, o: EmbedUrlOptions & { height?: number } = {}): Promise<FrameLocator> {
    // Any token string, a malformed one too: the page shows its error card.
    await this.hostPage(page, hostPageHtml(await this.embedUrl(embed, o), o.height));
    return page.frameLocator(HOST_IFRAME);
  }
}

/** Unique per worker process, so workers of several runs can share one emulator. */
const RUN = randomBytes(4).toString('hex');
let testCounter = 0;

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${url}/_mock/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`datalens-mock at ${url} is not healthy (GET /_mock/health) after 30 s.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const test = base.extend<{ dl: Dl; dlSession: Dl }, { dlOptions: DlOptions; dlEmulator: DlWorkerEmulator }>({
  dlOptions: [{}, { scope: 'worker', option: true }],

  // Chromium logs a postMessage dropped for its targetOrigin only when the iframe shares the host's
  // process; with site isolation it drops it silently (see DlOptions.siteIsolation).
  launchOptions: [
    async ({ launchOptions, dlOptions, browserName }, use) => {
      const off = browserName === 'chromium' && !dlOptions.siteIsolation;
      const args = launchOptions.args ?? [];
      await use(off && !args.includes('--disable-site-isolation-trials') ? { ...launchOptions, args: [...args, '--disable-site-isolation-trials'] } : launchOptions);
    },
    { scope: 'worker' },
  ],

  dlEmulator: [
    async ({ dlOptions }, use, workerInfo) => {
      const shared = dlOptions.url ?? process.env.DATALENS_MOCK_URL;
      if (shared) {
        if (dlOptions.seed || dlOptions.seedData !== undefined || dlOptions.demo) {
          throw new Error('dlOptions: seed, seedData and demo configure an in-process emulator; a shared one (url / DATALENS_MOCK_URL) has its own seed.');
        }
        const url = shared.replace(/\/+$/, '');
        await waitHealthy(url);
        await use({ url });
        return;
      }
      const seed = resolveSeedPath(dlOptions.seed, workerInfo.config.configFile);
      const server = await startEmulator({ ...dlOptions.server, seed, seedData: dlOptions.seedData, demo: dlOptions.demo });
      await use({ url: server.url, server });
      await server.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  // Automatic: every test's browser context has the production hosts routed to its own namespace (or
  // blocked), whether or not the test names `dl`; `dl` is this session's client.
  dlSession: [
    async ({ dlEmulator, dlOptions, context }, use, testInfo) => {
      const name = `pw-${RUN}-w${testInfo.workerIndex}-t${++testCounter}`;
      const root = new DlClient(dlEmulator.url);
      // Created now, so a broken seed fails here with its message rather than in the first page load
      // (and a test that never names `dl` has its namespace before its first routed request).
      await root.request('PUT', `/_mock/namespaces/${name}`);
      const origins = [...new Set((dlOptions.productionOrigins ?? PRODUCTION_ORIGINS).map(normalizeOrigin))];
      const routing = { legacyRedirect: dlOptions.legacyRedirect };
      // Every origin the routing answers: the given ones, datalens.ru with the legacy host, the Public API.
      const routed = routedOrigins(origins, routing);
      // The guard first: a routed origin is never guarded, so the two never answer the same request.
      const guard = await guardProductionHosts(context, routed);
      const dl = new Dl(root.namespace(name).baseUrl, name, dlEmulator.server, origins, guard.routing);
      const unroute = await routeProductionOrigins(context, origins, dl.baseUrl, routing);
      const embedOrigins = new Set([...routed, new URL(dlEmulator.url).origin, hostOriginFor(dlEmulator.url)]);
      const unwatch = watchDroppedPosts(context, (o) => embedOrigins.has(o), (p) => dl.recordDroppedPost(p));
      await use(dl);
      unwatch();
      await unroute();
      await guard.remove();
      const dropped = dl.describeUntakenDroppedPosts();
      const blocked = describeBlocked(guard.routing);
      if (testInfo.status !== testInfo.expectedStatus) {
        const journal = await dl.journalPage({ limit: 500 }).catch((e: Error) => ({ error: e.message }));
        const report = dropped ? { droppedTokenUpdates: dropped, ...journal } : journal;
        await testInfo.attach('datalens-mock journal', { body: JSON.stringify(report, null, 2), contentType: 'application/json' });
        if (dropped) await testInfo.attach('datalens-mock dropped token updates', { body: dropped, contentType: 'text/plain' });
      }
      await root.request('DELETE', `/_mock/namespaces/${name}`).catch(() => undefined);
      // Loud, whatever else happened: a test that reached for real DataLens fails, naming the URL.
      if (blocked) throw new Error(`datalens-mock: ${blocked}`);
      // Never silent: a passing test whose app lost token updates fails here (dl.takeDroppedPosts() accepts them).
      if (dropped && testInfo.status === 'passed') throw new Error(`datalens-mock: ${dropped}`);
    },
    { auto: true },
  ],

  dl: async ({ dlSession }, use) => {
    await use(dlSession);
  },
});
