// The Playwright fixture behind `datalens-mock/playwright`: one emulator per worker, one namespace
// per test, and helpers that speak the embed's language (tokens, links, postMessage, params).
import { randomBytes } from 'node:crypto';
import { test as base, type FrameLocator, type Page } from '@playwright/test';
import type { ServerOptions } from '../config.js';
import type { MockApp, MockServer } from '../public-api.js';
import { internalsOf } from '../server.js';
import { DlClient, type EmbedUrlOptions } from './client.js';
import { startEmulator } from './emulator.js';
import { HOST_IFRAME, effectiveParams, hostPageHtml, tokenGeneration, updateToken, type EmbedFrame } from './frame.js';

export interface DlOptions {
  /** A seed file (YAML or JSON), resolved from the working directory. */
  seed?: string;
  /** Seed objects given in code (the seed file's shape). */
  seedData?: unknown;
  /** Seed the demo workbook too. */
  demo?: boolean;
  /** Other options of the in-process emulator (precedence, strict, apiPrefix, ...). */
  server?: Omit<ServerOptions, 'seed' | 'seedData' | 'demo' | 'port' | 'dataDir' | 'inMemory'>;
  /**
   * Use an emulator that is already running (shared by all workers, e.g. started by `webServer` or a
   * container) instead of starting one per worker. Default: the DATALENS_MOCK_URL environment variable.
   * Its seed is its own: `seed`, `seedData` and `demo` must then be left out.
   */
  url?: string;
}

/** The emulator a worker uses: its own in-process one, or a shared one. */
export interface DlWorkerEmulator {
  url: string;
  /** Set when the emulator runs in this worker's process. */
  server?: MockServer;
}

/** `dl`: a client of this test's own namespace, plus page helpers. */
export class Dl extends DlClient {
  constructor(
    baseUrl: string,
    /** This test's namespace: its state (store, clock, settings, journal, faults) is seen by no other test. */
    readonly namespaceName: string,
    private readonly local?: MockServer,
  ) {
    super(baseUrl);
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

export const test = base.extend<{ dl: Dl }, { dlOptions: DlOptions; dlEmulator: DlWorkerEmulator }>({
  dlOptions: [{}, { scope: 'worker', option: true }],

  dlEmulator: [
    async ({ dlOptions }, use) => {
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
      const server = await startEmulator({ ...dlOptions.server, seed: dlOptions.seed, seedData: dlOptions.seedData, demo: dlOptions.demo });
      await use({ url: server.url, server });
      await server.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  dl: async ({ dlEmulator }, use, testInfo) => {
    const name = `pw-${RUN}-w${testInfo.workerIndex}-t${++testCounter}`;
    const root = new DlClient(dlEmulator.url);
    // Created now, so a broken seed fails here with its message rather than in the first page load.
    await root.request('PUT', `/_mock/namespaces/${name}`);
    const dl = new Dl(root.namespace(name).baseUrl, name, dlEmulator.server);
    await use(dl);
    if (testInfo.status !== testInfo.expectedStatus) {
      const journal = await dl.journalPage({ limit: 500 }).catch((e: Error) => ({ error: e.message }));
      await testInfo.attach('datalens-mock journal', { body: JSON.stringify(journal, null, 2), contentType: 'application/json' });
    }
    await root.request('DELETE', `/_mock/namespaces/${name}`).catch(() => undefined);
  },
});
