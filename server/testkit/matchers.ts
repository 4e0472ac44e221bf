// Web-first matchers over the embed page's test hooks (docs/embed-pages.md): they retry until the page
// agrees or the expect timeout runs out, like Playwright's own toHaveText.
import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { DlClient } from './client.js';
import { describeDroppedPosts, droppedPostsOf } from './dropped-posts.js';
import { describeExpiredTokenRequests, expiredTokenRequests } from './expired-tokens.js';
import { contentFrameOf, pageOf, readParams, statuses, inEmbed, type EmbedFrame } from './frame.js';
import { describeEmbed, shownErrors } from './frame-report.js';

export type ExpectedParams = Record<string, string | string[]>;

export interface EffectiveParamsOptions {
  /** true (default): exactly these params and no others; false: at least these. */
  exact?: boolean;
  timeout?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Array values read `a, b` on the page. */
function asShown(expected: ExpectedParams): Record<string, string> {
  return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}

/** Retries `probe` until `pass` equals the wanted outcome (negated for `.not`) or time runs out. */
async function retry<T>(state: ExpectMatcherState, timeout: number | undefined, probe: () => Promise<T>, pass: (v: T) => boolean) {
  const deadline = Date.now() + (timeout ?? state.timeout);
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await probe();
      error = undefined;
      if (pass(last) !== state.isNot) return { pass: pass(last), last, error };
    } catch (e) {
      error = e;
    }
    if (Date.now() >= deadline) return { pass: last === undefined ? false : pass(last), last, error };
    await sleep(100);
  }
}

function sameParams(actual: Record<string, string>, wanted: Record<string, string>, exact: boolean): boolean {
  if (exact && Object.keys(actual).length !== Object.keys(wanted).length) return false;
  return Object.entries(wanted).every(([k, v]) => Object.hasOwn(actual, k) && actual[k] === v);
}

function result(state: ExpectMatcherState, name: string, pass: boolean, expected: unknown, actual: unknown, error?: unknown, extra = ''): MatcherReturnType {
  const not = state.isNot ? '.not' : '';
  return {
    name,
    pass,
    expected,
    actual,
    message: () =>
      `${state.utils.matcherHint(name, undefined, undefined, { isNot: state.isNot })}\n\n` +
      `Expected${not}: ${state.utils.printExpected(expected)}\nReceived: ${state.utils.printReceived(actual)}` +
      (error ? `\n\nLast error: ${(error as Error).message ?? error}` : '') +
      extra,
  };
}

const texts = async (frame: EmbedFrame, selector: string) => (await inEmbed(frame, selector).allTextContents()).map((s) => s.trim()).filter(Boolean);

/** What the frame shows (status, error cards, or what is there instead); "" if it cannot be read. */
async function embedNote(frame: EmbedFrame): Promise<string> {
  return describeEmbed(frame).catch(() => '');
}

/** Dropped token updates of the frame's host page, described ("" when none). */
function droppedNote(frame: EmbedFrame): string {
  try {
    return describeDroppedPosts(droppedPostsOf(pageOf(frame)));
  } catch {
    return '';
  }
}

export const dlMatchers = {
  /** `await expect(frame).toHaveEffectiveParams({region: 'North'})`: the params the chart ran with. */
  async toHaveEffectiveParams(this: ExpectMatcherState, frame: EmbedFrame, expected: ExpectedParams, o: EffectiveParamsOptions = {}) {
    const wanted = asShown(expected);
    const exact = o.exact ?? true;
    const probe = async () => {
      const s = await statuses(frame);
      if (s.length === 0 || s.includes('loading')) throw new Error(`the embed is still loading (dl-status: ${s.join(', ') || 'none'})`);
      return readParams(frame);
    };
    const r = await retry(this, o.timeout, probe, (actual) => sameParams(actual, wanted, exact));
    const extra = r.pass === this.isNot ? (await embedNote(frame)) + droppedNote(frame) : '';
    return result(this, 'toHaveEffectiveParams', r.pass, exact ? wanted : { ...wanted, '…': '(others allowed)' }, r.last, r.error, extra);
  },

  /** `await expect(frame).toHaveEmbedStatus('ready')`: every `dl-status` of the page shows this. */
  async toHaveEmbedStatus(this: ExpectMatcherState, frame: EmbedFrame, expected: 'loading' | 'ready' | 'error', o: { timeout?: number } = {}) {
    const r = await retry(this, o.timeout, () => statuses(frame), (s) => s.length > 0 && s.every((x) => x === expected));
    const extra = r.pass === this.isNot ? await embedNote(frame) : '';
    return result(this, 'toHaveEmbedStatus', r.pass, expected, r.last, r.error, extra);
  },

  /**
   * `await expect(frame).toHaveTokenGeneration(3)`: the page has applied this many tokens (1 after
   * load, +1 per accepted SECURE_EMBEDDING_TOKEN_UPDATE). On failure, names the host page's posts the
   * browser dropped for their targetOrigin.
   */
  async toHaveTokenGeneration(this: ExpectMatcherState, frame: EmbedFrame, expected: number, o: { timeout?: number } = {}) {
    const probe = async () => Number((await texts(frame, '[data-testid="dl-token-generation"]'))[0]);
    const r = await retry(this, o.timeout, probe, (n) => n === expected);
    let extra = '';
    if (r.pass === this.isNot) {
      const origin = await frameOrigin(frame);
      extra =
        (await embedNote(frame)) +
        (droppedNote(frame) ||
        `\n\nNo dropped postMessage was seen. If the host page posted SECURE_EMBEDDING_TOKEN_UPDATE, check that its targetOrigin is the iframe's origin${origin ? ` (${origin})` : ''} ` +
          'and that message.type and message.token are right (the embed page logs why it ignores a message).');
    }
    return result(this, 'toHaveTokenGeneration', r.pass, expected, r.last, r.error, extra);
  },

  /**
   * `await expect(dl).toHaveNoExpiredTokenRequests()`: no gateway request of this test used a token
   * that had expired on the emulator clock when it arrived. On failure, names the first one.
   */
  async toHaveNoExpiredTokenRequests(this: ExpectMatcherState, dl: DlClient) {
    const entries = await dl.journal({ kind: 'gateway', limit: 500 });
    const found = expiredTokenRequests(entries);
    const name = 'toHaveNoExpiredTokenRequests';
    return {
      name,
      pass: found.length === 0,
      expected: 0,
      actual: found.length,
      message: () => `${this.utils.matcherHint(name, 'dl', '', { isNot: this.isNot })}\n\n${describeExpiredTokenRequests(found, entries.length)}`,
    };
  },

  /**
   * `await expect(frame).toHaveEmbedError('ERR.CHARTS.INVALID_TOKEN')`: an error card of the page shows
   * this DataLens code, or this emulator reason (`'TOKEN_SIGNATURE_INVALID'`, docs/reasons.md).
   */
  async toHaveEmbedError(this: ExpectMatcherState, frame: EmbedFrame, codeOrReason: string, o: { timeout?: number } = {}) {
    const probe = async () => (await shownErrors(frame)).map((e) => (e.reason ? `${e.code} (${e.reason})` : e.code));
    const matches = (shown: string[]) => shown.some((s) => s === codeOrReason || s.startsWith(`${codeOrReason} (`) || s.endsWith(`(${codeOrReason})`));
    const r = await retry(this, o.timeout, probe, matches);
    const extra = r.pass === this.isNot ? await embedNote(frame) : '';
    return result(this, 'toHaveEmbedError', r.pass, codeOrReason, r.last, r.error, extra);
  },
};

async function frameOrigin(frame: EmbedFrame): Promise<string | undefined> {
  try {
    return new URL((await contentFrameOf(frame)).url()).origin;
  } catch {
    return undefined;
  }
}
