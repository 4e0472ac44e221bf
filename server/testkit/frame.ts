// Reading and driving an embed page inside a host page, through its stable test hooks (docs/embed-pages.md).
import type { Frame, FrameLocator, Locator, Page } from '@playwright/test';
import { describeDroppedPosts, droppedPostsOf } from './dropped-posts.js';

/** The embed: `page.frameLocator('iframe')`, a `Frame`, or a Locator of the `<iframe>` element. */
export type EmbedFrame = FrameLocator | Frame | Locator;

const TOKEN_UPDATE = 'SECURE_EMBEDDING_TOKEN_UPDATE';
const sel = (id: string) => `[data-testid="${id}"]`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isFrame(f: EmbedFrame): f is Frame {
  return typeof (f as Frame).frameElement === 'function';
}
function isFrameLocator(f: EmbedFrame): f is FrameLocator {
  return typeof (f as FrameLocator).owner === 'function' && typeof (f as Locator).evaluate !== 'function';
}

/** A locator inside the embed page. */
export function inEmbed(frame: EmbedFrame, selector: string): Locator {
  if (isFrame(frame) || isFrameLocator(frame)) return frame.locator(selector);
  return frame.contentFrame().locator(selector);
}

type PostTarget = { contentWindow: { postMessage(m: unknown, origin: string): void } | null };

/** The page an embed frame belongs to. */
export function pageOf(frame: EmbedFrame): Page {
  if (isFrame(frame)) return frame.page();
  return (isFrameLocator(frame) ? frame.owner() : frame).page();
}

/** The `Frame` of an embed (the document loaded in the iframe). */
export async function contentFrameOf(frame: EmbedFrame): Promise<Frame> {
  if (isFrame(frame)) {
    if (!frame.parentFrame()) throw new Error('Expected an embedded frame, got the top-level page frame.');
    return frame;
  }
  const element = await (isFrameLocator(frame) ? frame.owner() : frame).elementHandle();
  const content = await element?.contentFrame();
  if (!content) throw new Error('The iframe has no document (is it attached, and is it an <iframe>?).');
  return content;
}

/**
 * Posts `msg` from the host page (the parent frame) to the iframe's window with the iframe's own
 * origin as targetOrigin, as a correct host does: a test never posts where the app could not.
 */
async function postToIframe(frame: EmbedFrame, msg: unknown): Promise<void> {
  const content = await contentFrameOf(frame);
  const origin = new URL(content.url()).origin;
  if (origin === 'null') throw new Error(`The iframe shows ${content.url()}, which has no origin to post to: is the embed loaded?`);
  const post = (el: unknown, [m, targetOrigin]: [unknown, string]) => {
    const target = (el as PostTarget).contentWindow;
    if (!target) throw new Error('the iframe has no window (is it attached?)');
    target.postMessage(m, targetOrigin);
  };
  await (await content.frameElement()).evaluate(post, [msg, origin] as [unknown, string]);
}

/** Polls `probe` until it returns a value other than undefined, or throws `message()` after `timeout` ms. */
export async function pollFor<T>(probe: () => Promise<T | undefined>, timeout: number, message: () => string): Promise<T> {
  const deadline = Date.now() + timeout;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(message());
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
  }
}

async function textOf(locator: Locator): Promise<string | undefined> {
  return (await locator.count()) > 0 ? ((await locator.first().textContent({ timeout: 1000 })) ?? '').trim() : undefined;
}

/** How many tokens the page has applied (`dl-token-generation`), once it is a number. */
export async function tokenGeneration(frame: EmbedFrame, timeout = 10_000): Promise<number> {
  const hook = inEmbed(frame, sel('dl-token-generation'));
  return pollFor(
    async () => {
      const n = Number(await textOf(hook));
      return Number.isInteger(n) && n >= 1 ? n : undefined;
    },
    timeout,
    () => `The embed never applied its first token: no dl-token-generation >= 1 within ${timeout} ms. Is the iframe an emulator embed page?`,
  );
}

/**
 * Sends `{type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token}` from the host page to the iframe, as a real
 * host does, and waits until the page counts it (`dl-token-generation` goes up).
 */
export async function updateToken(frame: EmbedFrame, token: string, o: { timeout?: number } = {}): Promise<number> {
  const timeout = o.timeout ?? 10_000;
  const before = await tokenGeneration(frame, timeout);
  await postToIframe(frame, { type: TOKEN_UPDATE, token });
  const hook = inEmbed(frame, sel('dl-token-generation'));
  return pollFor(
    async () => {
      const n = Number(await textOf(hook));
      return n > before ? n : undefined;
    },
    timeout,
    () =>
      `The embed did not apply the new token: dl-token-generation stayed at ${before} for ${timeout} ms. The page ignores messages from origins outside allowedParentOrigins (see its console).` +
      describeDroppedPosts(droppedPostsOf(pageOf(frame))),
  );
}

/** The page's status hooks (`dl-status`): one per page, or one per widget on a dashboard. */
export async function statuses(frame: EmbedFrame): Promise<string[]> {
  return (await inEmbed(frame, sel('dl-status')).allTextContents()).map((s) => s.trim());
}

/** The effective params the page shows (`dl-param`), once nothing is loading. Array values read `a, b`. */
export async function effectiveParams(frame: EmbedFrame, o: { timeout?: number } = {}): Promise<Record<string, string>> {
  const timeout = o.timeout ?? 10_000;
  await pollFor(
    async () => {
      const s = await statuses(frame);
      return s.length > 0 && !s.includes('loading') ? true : undefined;
    },
    timeout,
    () => `The embed was still loading after ${timeout} ms.`,
  );
  return readParams(frame);
}

/** The `dl-param` hooks as they are right now. On a dashboard the first widget showing a name wins. */
export async function readParams(frame: EmbedFrame): Promise<Record<string, string>> {
  const pairs = await inEmbed(frame, sel('dl-param')).evaluateAll((els) =>
    els.map((e) => [(e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-name') ?? '', (e.textContent ?? '').trim()]),
  );
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) if (name && !Object.hasOwn(out, name)) out[name] = value;
  return out;
}

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<iframe>` of the minimal host page `dl.openEmbed` opens. */
export const HOST_IFRAME = sel('dl-host-iframe');

/** A minimal host page: one full-width `<iframe>` loading `src`. */
export function hostPageHtml(src: string, height = 720): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body style="margin:0">
<iframe data-testid="dl-host-iframe" src="${attr(src)}" style="width:100%;height:${height}px;border:0"></iframe></body></html>`;
}
