// Web-first matchers over the embed page's test hooks (docs/embed-pages.md): they retry until the page
// agrees or the expect timeout runs out, like Playwright's own toHaveText.
import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import { readParams, statuses, inEmbed, type EmbedFrame } from './frame.js';

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

function result(state: ExpectMatcherState, name: string, pass: boolean, expected: unknown, actual: unknown, error?: unknown): MatcherReturnType {
  const not = state.isNot ? '.not' : '';
  return {
    name,
    pass,
    expected,
    actual,
    message: () =>
      `${state.utils.matcherHint(name, undefined, undefined, { isNot: state.isNot })}\n\n` +
      `Expected${not}: ${state.utils.printExpected(expected)}\nReceived: ${state.utils.printReceived(actual)}` +
      (error ? `\n\nLast error: ${(error as Error).message ?? error}` : ''),
  };
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
    return result(this, 'toHaveEffectiveParams', r.pass, exact ? wanted : { ...wanted, '…': '(others allowed)' }, r.last, r.error);
  },

  /** `await expect(frame).toHaveEmbedStatus('ready')`: every `dl-status` of the page shows this. */
  async toHaveEmbedStatus(this: ExpectMatcherState, frame: EmbedFrame, expected: 'loading' | 'ready' | 'error', o: { timeout?: number } = {}) {
    const r = await retry(this, o.timeout, () => statuses(frame), (s) => s.length > 0 && s.every((x) => x === expected));
    return result(this, 'toHaveEmbedStatus', r.pass, expected, r.last, r.error);
  },

  /** `await expect(frame).toHaveEmbedError('ERR.CHARTS.INVALID_TOKEN')`: the error code the page shows. */
  async toHaveEmbedError(this: ExpectMatcherState, frame: EmbedFrame, code: string, o: { timeout?: number } = {}) {
    const probe = async () => (await inEmbed(frame, '[data-testid="dl-error-code"]').allTextContents()).map((s) => s.trim());
    const r = await retry(this, o.timeout, probe, (codes) => codes.includes(code));
    return result(this, 'toHaveEmbedError', r.pass, code, r.last, r.error);
  },
};
