// One clock for the host app and the emulator: Playwright's page clock drives the app's timers
// (its token refresh), the namespace's /_mock/clock judges the tokens they produce.
import type { Page, Request } from '@playwright/test';
import type { DlClient } from './client.js';
import { watchPageNetwork } from './page-network.js';

export interface InstallClockOptions {
  /** Start time: Unix seconds or a Date. Default: the emulator clock's now. */
  now?: number | Date;
}

export interface AdvanceClockOptions {
  /**
   * Seconds (default 60). Time moves from timer to timer: the emulator clock is set to the moment the
   * page's next timer is due, then the page runs to it, so what the timer sends is judged at the time
   * it was sent. Timers closer together than `step` run in one `step`-long jump (their requests are
   * judged up to `step` late), so that a busy page (an interval every second) still moves fast.
   */
  step?: number;
}

/** Network activity of one page (its frames included), to let the app finish what its timers started. */
class Activity {
  inFlight = 0;
  last = 0;
  constructor(page: Page) {
    const start = () => {
      this.inFlight += 1;
      this.last = Date.now();
    };
    const end = (_r: Request) => {
      this.inFlight = Math.max(0, this.inFlight - 1);
      this.last = Date.now();
    };
    page.on('request', start);
    page.on('requestfinished', end);
    page.on('requestfailed', end);
  }
}

interface Installed {
  /** The page's time, Unix milliseconds (the clock is paused: it moves only here). */
  nowMs: number;
  activity: Activity;
}

const installed = new WeakMap<Page, Installed>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Quiet time after the last request before the next step (a timer's chain: fetch, postMessage, the embed's own call). */
const QUIET_MS = 60;
const SETTLE_LIMIT_MS = 10_000;
const INSTALL_LEAD_MS = 60_000;

const unix = (t: number | Date) => (t instanceof Date ? Math.floor(t.getTime() / 1000) : t);

/**
 * Installs Playwright's clock in `page` at `now`, paused, and pins the emulator clock there too.
 * Call it before the host page loads. Time then moves only with `advanceClock`.
 */
export async function installClock(page: Page, client: DlClient, o: InstallClockOptions = {}): Promise<number> {
  if (!(page as Partial<Page>).clock) throw new Error("installClock needs Playwright's page.clock: @playwright/test 1.45 or later.");
  const now = o.now === undefined ? (await client.clock()).now : unix(o.now);
  if (!Number.isInteger(now) || now < 0) throw new Error(`installClock: now must be Unix seconds or a Date, got ${String(o.now)}.`);
  await client.setClock(now);
  // Paused: the app's timers fire only when the test moves time, so page time and emulator time agree.
  // Installed a little earlier than `now`, because an installed clock runs until paused and pauseAt
  // cannot go back (Playwright's own idiom: install, then pauseAt a later time).
  await watchPageNetwork(page);
  await page.clock.install({ time: now * 1000 - INSTALL_LEAD_MS });
  await page.clock.pauseAt(now * 1000);
  installed.set(page, { nowMs: now * 1000, activity: installed.get(page)?.activity ?? new Activity(page) });
  return now;
}

/** One look at every frame of the page: its next fake timer and its own requests (./page-network.ts). */
interface Probe {
  /** When the next timer is due (Unix ms), null when none is pending, undefined when the clock cannot be asked. */
  due: number | null | undefined;
  started: number;
  pending: number;
}

async function probe(page: Page): Promise<Probe> {
  const frames = await Promise.all(
    page.frames().map((frame) =>
      frame
        .evaluate(() => {
          type Controller = { now(): number; _now?: { time: number; ticks: number }; _firstTimer?: () => { callAt: number } | null };
          const g = globalThis as { __pwClock?: { controller?: Controller }; __dlNet?: { started: number; pending: number } };
          const net = g.__dlNet ?? { started: 0, pending: 0 };
          const c = g.__pwClock?.controller;
          if (!c || typeof c._firstTimer !== 'function' || !c._now) return { due: 'unknown' as const, ...net };
          c.now(); // applies pending clock operations first
          const timer = c._firstTimer();
          return { due: timer ? c._now.time + (timer.callAt - c._now.ticks) : ('none' as const), ...net };
        })
        .catch(() => ({ due: 'none' as const, started: 0, pending: 0 })),
    ),
  );
  const times = frames.map((f) => f.due).filter((d): d is number => typeof d === 'number');
  return {
    due: frames.some((f) => f.due === 'unknown') ? undefined : times.length ? Math.min(...times) : null,
    started: frames.reduce((n, f) => n + f.started, 0),
    pending: frames.reduce((n, f) => n + f.pending, 0),
  };
}

/**
 * Waits until the requests started by the step's timers, and what they set off (the app's backend call,
 * its token update, the embed's own API call), are done: none open in the page, none reported open by
 * the browser, and nothing new started for {@link QUIET_MS}. Returns the last look at the page.
 */
async function settle(page: Page, activity: Activity, startedBefore: number): Promise<Probe> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let started = startedBefore;
  let quietSince = Date.now();
  for (;;) {
    const seen = await probe(page);
    if (seen.started !== started) {
      started = seen.started;
      quietSince = Date.now();
    }
    const busy = seen.pending > 0 || activity.inFlight > 0 || Date.now() - Math.max(activity.last, quietSince) < QUIET_MS;
    if (!busy || Date.now() >= deadline) return seen;
    await sleep(10);
  }
}

/**
 * Moves the page's clock and the emulator clock forward together by `seconds`, firing the page's
 * timers on the way (see {@link AdvanceClockOptions.step}). Returns the new time (Unix seconds).
 */
export async function advanceClock(page: Page, client: DlClient, seconds: number, o: AdvanceClockOptions = {}): Promise<number> {
  const state = installed.get(page);
  if (!state) throw new Error('advanceClock: call dl.installClock(page) first, before the host page loads.');
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`advanceClock: seconds must be a number >= 0, got ${seconds}.`);
  const stepMs = (o.step ?? 60) * 1000;
  if (!(stepMs > 0)) throw new Error(`advanceClock: step must be > 0 seconds, got ${o.step}.`);
  const target = state.nowMs + Math.round(seconds * 1000);
  let lastWasShort = false;
  let seen = await probe(page);
  while (state.nowMs < target) {
    const due = seen.due;
    let next: number;
    if (due === undefined) next = state.nowMs + stepMs; // this Playwright cannot say: fixed steps
    else if (due === null) next = target; // nothing pending
    else if (due - state.nowMs < stepMs && lastWasShort) next = state.nowMs + stepMs; // timers close together: one step
    else next = Math.max(due, state.nowMs + 1); // exactly to the next timer
    next = Math.min(next, target);
    lastWasShort = next - state.nowMs < stepMs;
    await client.setClock(Math.floor(next / 1000));
    await page.clock.runFor(next - state.nowMs);
    state.nowMs = next;
    seen = await settle(page, state.activity, seen.started);
  }
  return Math.floor(state.nowMs / 1000);
}
