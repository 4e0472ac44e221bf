// An HTTP client for one emulator or one namespace of it: what the Playwright fixture and vitest
// suites use to mint tokens, build links, drive the clock, read the journal and inject faults.
import type { Fault, FaultSpec } from '../faults/registry.js';
import type { JournalEntry, JournalFilter } from '../journal/types.js';
import { embedLink, linkQuery } from '../links/embed-link.js';
import { PRODUCTION_ORIGINS } from '../core/production.js';
import { peekJwt } from '../tokens/jws.js';
import { signEmbedToken } from '../tokens/sign.js';
import type { MintedToken } from '../control/minted-token.js';

export type { MintedToken };
export type ParamValue = string | string[];

export interface SignTokenOptions {
  /** The embed: its 13-character embedId, or its `key` in the seed. */
  embedId: string;
  /** Signed params (`token.params`). Default: the seed's `tokenParams` for this embed, else `{}`. */
  params?: Record<string, unknown>;
  /** Lifetime in seconds (default 360, as the official samples). */
  ttl?: number;
  /** Issue time in Unix seconds (default: the emulator clock, so pinned clocks just work). */
  iat?: number;
  /** Sign locally with this key instead of the key the emulator knows from seeding (keys made over /rpc). */
  privateKey?: string;
}

export interface EmbedUrlOptions {
  /** Unsigned params: the link's query string (repeat a key by giving an array). */
  params?: Record<string, ParamValue>;
  /** The token to put in the hash. Default: a fresh one minted with `signedParams` and `ttl`. */
  token?: string;
  signedParams?: Record<string, unknown>;
  ttl?: number;
  /** Extra DataLens URL options, e.g. `{_no_controls: '1'}` (added to the query as well). */
  options?: Record<string, string>;
  /**
   * The origin of the link instead of the emulator's, e.g. `'https://datalens.ru'`
   * (`'production'` is short for it; the legacy `'https://datalens.yandex.cloud'` works too): what an unchanged app puts in its iframe `src`. The Playwright
   * fixture routes production origins to the test's namespace, so its links drop the `/_ns/<name>`
   * path; a client of an emulator reached another way (`serve --tls` with host-resolver-rules) keeps it.
   */
  origin?: string;
}

/** `'production'` or an origin, as a bare origin (no path, no trailing slash). */
export function linkOrigin(origin: string): string {
  return origin === 'production' ? PRODUCTION_ORIGINS[0] : new URL(origin).origin;
}

/** The `embedId` a token names, read without verification; undefined when it does not decode (a malformed token is fine here). */
export function claimedEmbedId(token: string): string | undefined {
  const claimed = peekJwt(token)?.payload.embedId;
  return typeof claimed === 'string' ? claimed : undefined;
}

export interface ClockView {
  now: number;
  pinned: boolean;
}

export interface JournalPage {
  entries: JournalEntry[];
  size: number;
  capacity: number;
  dropped: number;
  cursor: number;
}

/** A non-2xx answer of an emulator control, with its body (which names the reason and a hint). */
export class DlRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const b = body as { message?: string; hint?: string } | undefined;
    super(`${method} ${path} answered ${status}: ${b?.message ?? JSON.stringify(body)}${b?.hint ? ` (${b.hint})` : ''}`);
    this.name = 'DlRequestError';
  }
}

const OTHER_LOOPBACK_NAME: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * Where test host pages open: the emulator's port under the other loopback name (localhost for
 * 127.0.0.1 and back): another origin than the embed, as in production, yet still loopback. An
 * emulator on any other host has no second name we can know: its host pages share its origin.
 */
export function hostOriginFor(emulatorUrl: string): string {
  const u = new URL(emulatorUrl);
  const host = OTHER_LOOPBACK_NAME[u.hostname] ?? u.hostname;
  return `${u.protocol}//${host}${u.port ? `:${u.port}` : ''}`;
}

let hostPageCounter = 0;

const toQuery = linkQuery;

export class DlClient {
  /** @param baseUrl the emulator's URL, with `/_ns/<name>` when it is a namespace. */
  constructor(readonly baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** The client of namespace `name` of the same emulator. */
  namespace(name: string): DlClient {
    return new DlClient(`${this.root().baseUrl}/_ns/${encodeURIComponent(name)}`);
  }

  /** The client of the emulator itself (outside any namespace): namespace controls live there. */
  root(): DlClient {
    return new DlClient(this.baseUrl.replace(/\/_ns\/[^/]+$/, ''));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    if (!res.ok) throw new DlRequestError(method, path, res.status, parsed);
    return parsed as T;
  }

  /** Calls a control-plane method, e.g. `rpc('updateEmbed', {embedId, depsIds})`. */
  rpc<T = Record<string, unknown>>(method: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', `/rpc/${encodeURIComponent(method)}`, body);
  }

  /** Mints a token (see `signToken`) and says which page opens it. */
  async mint(o: SignTokenOptions): Promise<MintedToken> {
    if (o.privateKey === undefined) {
      return this.request<MintedToken>('POST', '/_mock/tokens', { embedId: o.embedId, params: o.params, ttl: o.ttl, iat: o.iat });
    }
    const iat = o.iat ?? (await this.clock()).now;
    const ttl = o.ttl ?? 360;
    const token = await signEmbedToken({ privateKey: o.privateKey, embedId: o.embedId, ttl, now: iat, params: o.params as never });
    const scope = await this.scopeOf(o.embedId);
    return { token, embedId: o.embedId, entryId: scope.entryId, scope: scope.scope, iat, exp: iat + ttl };
  }

  /** A PS256 embed token for a seeded embed, exactly as the official samples build it. */
  async signToken(o: SignTokenOptions): Promise<string> {
    return (await this.mint(o)).token;
  }

  /** Which page an embed opens in (`widget` → /embeds/chart, `dash` → /embeds/dash). */
  async scopeOf(embedId: string): Promise<{ entryId: string; scope: 'widget' | 'dash' }> {
    const embed = await this.rpc<{ entryId: string }>('getEmbed', { embedId });
    const entry = await this.rpc<{ scope: 'widget' | 'dash' }>('getEntry', { entryId: embed.entryId });
    return { entryId: embed.entryId, scope: entry.scope };
  }

  /**
   * The link an iframe loads: `/embeds/chart` or `/embeds/dash`, unsigned params in the query and the
   * token in the hash (`#dl_embed_token=`), as in production.
   */
  async embedUrl(embed: string | { embedId: string }, o: EmbedUrlOptions = {}): Promise<string> {
    const embedId = typeof embed === 'string' ? embed : embed.embedId;
    let token = o.token;
    let scope: 'widget' | 'dash';
    if (token === undefined) {
      const minted = await this.mint({ embedId, params: o.signedParams, ttl: o.ttl });
      ({ token, scope } = minted);
    } else {
      // Any string goes in the hash, a malformed one too (to test the page's error card); a token that
      // names another embed than `embed` opens that embed's page, as the link would.
      const claimed = claimedEmbedId(token);
      scope = await (claimed === undefined ? this.pageScope(embedId) : this.pageScope(claimed).catch(() => this.pageScope(embedId)));
    }
    return embedLink({ base: this.linkBase(o.origin), scope, params: { ...o.params, ...o.options }, token });
  }

  /** The page scope of an embed given by embedId or seed key (only the emulator knows seed keys: it mints to say). */
  private async pageScope(ref: string): Promise<'widget' | 'dash'> {
    return /^[0-9a-z]{13}$/.test(ref) ? (await this.scopeOf(ref)).scope : (await this.mint({ embedId: ref })).scope;
  }

  /** Where links point: the emulator's base URL, or the same path on `origin`. */
  protected linkBase(origin: string | undefined): string {
    if (origin === undefined) return this.baseUrl;
    return `${linkOrigin(origin)}${new URL(this.baseUrl).pathname.replace(/\/+$/, '')}`;
  }

  clock(): Promise<ClockView> {
    return this.request<ClockView>('GET', '/_mock/clock');
  }

  /** Pins the emulator clock (Unix seconds or a Date); `null` returns to real time. */
  setClock(t: number | Date | null): Promise<ClockView> {
    const now = t instanceof Date ? Math.floor(t.getTime() / 1000) : t;
    return this.request<ClockView>('POST', '/_mock/clock', { now });
  }

  settings(): Promise<Record<string, unknown>> {
    return this.request('GET', '/_mock/settings');
  }

  setSettings(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.request('POST', '/_mock/settings', patch);
  }

  /** Journal entries, oldest first (the most recent `limit`, default 100). */
  async journal(filter: JournalFilter = {}): Promise<JournalEntry[]> {
    return (await this.journalPage(filter)).entries;
  }

  journalPage(filter: JournalFilter = {}): Promise<JournalPage> {
    const query = toQuery(filter as Record<string, unknown>);
    return this.request<JournalPage>('GET', `/_mock/journal${query ? `?${query}` : ''}`);
  }

  /** The most recent journal entry matching `filter`, if any. */
  async lastRequest(filter: JournalFilter = {}): Promise<JournalEntry | undefined> {
    return (await this.journal({ ...filter, limit: 1 }))[0];
  }

  addFault(spec: FaultSpec): Promise<Fault> {
    return this.request<Fault>('POST', '/_mock/faults', spec);
  }

  async faults(): Promise<Fault[]> {
    return (await this.request<{ faults: Fault[] }>('GET', '/_mock/faults')).faults;
  }

  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/_mock/faults');
  }

  /** Empties the store (re-seeding it), the journal and the faults. */
  async reset(): Promise<void> {
    await this.request('POST', '/_mock/reset');
  }

  /**
   * Stores `html` as a host page on the emulator (`PUT /_mock/host-pages/:name`) and returns its URL
   * on {@link hostOriginFor}: open it in the browser to get your markup on an origin of its own.
   */
  async hostPageUrl(html: string, name = `p${process.pid}-${++hostPageCounter}`): Promise<string> {
    const res = await fetch(`${this.baseUrl}/_mock/host-pages/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: html,
    });
    if (!res.ok) throw new DlRequestError('PUT', `/_mock/host-pages/${name}`, res.status, await res.json().catch(() => undefined));
    const { path } = (await res.json()) as { path: string };
    return `${hostOriginFor(this.baseUrl)}${path}`;
  }

  /** Calls `POST {apiPrefix}/run` as the page does; answers with the status and body, whatever they are. */
  async run(token: string | undefined, body: unknown = {}, apiPrefix = '/api'): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined) headers['x-dl-embed-token'] = token;
    const res = await fetch(`${this.baseUrl}${apiPrefix}/run`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}
