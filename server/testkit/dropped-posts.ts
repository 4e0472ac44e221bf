// Token updates the browser dropped. A postMessage whose targetOrigin does not match the iframe's
// origin is never delivered; Chromium only logs it in the sender's console (and not at all when
// the iframe runs in another process, which is why the fixture turns off site isolation). The
// fixture collects those lines so that a test, a matcher or the failure report can name them.
import type { BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import { LEGACY_ORIGIN, LEGACY_REDIRECT_SINCE, PRODUCTION_ORIGIN, isLegacyOrigin } from '../core/production.js';

export interface DroppedPost {
  /** The targetOrigin the host page passed to postMessage. */
  targetOrigin: string;
  /** The origin of the window that should have received it (the embed). */
  recipientOrigin: string;
  /** The host page that posted. */
  pageUrl: string;
  /** Chromium's console line, as logged. */
  text: string;
}

const DROPPED = /Failed to execute 'postMessage' on 'DOMWindow': The target origin provided \('([^']*)'\) does not match the recipient window's origin \('([^']*)'\)/;

/** Reads Chromium's "target origin ... does not match the recipient window's origin" line. */
export function parseDroppedPost(text: string): Pick<DroppedPost, 'targetOrigin' | 'recipientOrigin'> | undefined {
  const m = DROPPED.exec(text);
  return m ? { targetOrigin: m[1], recipientOrigin: m[2] } : undefined;
}

const byPage = new WeakMap<Page, DroppedPost[]>();

/** Dropped posts of this page so far (for matcher and helper messages). */
export function droppedPostsOf(page: Page): DroppedPost[] {
  return byPage.get(page) ?? [];
}

/**
 * Watches every page of `context` for dropped posts to an embed (a window whose origin `isEmbed`
 * accepts) and hands each to `onDrop`. Returns the function that stops watching.
 */
export function watchDroppedPosts(context: BrowserContext, isEmbed: (origin: string) => boolean, onDrop: (p: DroppedPost) => void): () => void {
  const listener = (msg: ConsoleMessage) => {
    const parsed = parseDroppedPost(msg.text());
    if (!parsed || !isEmbed(parsed.recipientOrigin)) return;
    const page = msg.page();
    const post: DroppedPost = { ...parsed, pageUrl: page?.url() ?? '', text: msg.text() };
    if (page) byPage.set(page, [...droppedPostsOf(page), post]);
    onDrop(post);
  };
  context.on('console', listener);
  return () => context.off('console', listener);
}

/**
 * The app posts to the legacy host, but its iframe was redirected to datalens.ru: the cause in the
 * words a user acts on (docs/fidelity.md, "Hosts and the redirect").
 */
function legacyHostCause(posts: readonly DroppedPost[]): string {
  const legacy = posts.find((p) => isLegacyOrigin(p.targetOrigin) && p.recipientOrigin === PRODUCTION_ORIGIN);
  if (!legacy) return '';
  return (
    `\nThe cause: your page posts to ${LEGACY_ORIGIN}/, but since ${LEGACY_REDIRECT_SINCE} the embed lives on ${PRODUCTION_ORIGIN}: ` +
    `production redirects ${LEGACY_ORIGIN}/embeds/* there, so the iframe's origin is ${PRODUCTION_ORIGIN} and the browser drops every token update ` +
    `posted to the legacy origin, in production as here. Fix: frame ${PRODUCTION_ORIGIN}/embeds/… and post with targetOrigin '${PRODUCTION_ORIGIN}' ` +
    `(or use the iframe's own origin: new URL(iframe.src).origin). Your sites' CSP frame-src must allow ${PRODUCTION_ORIGIN}.`
  );
}

/** "" when nothing was dropped; otherwise what happened and how to fix it, ready to append to a message. */
export function describeDroppedPosts(posts: readonly DroppedPost[]): string {
  if (posts.length === 0) return '';
  const lines = posts.slice(0, 5).map(
    (p) => `  - targetOrigin '${p.targetOrigin}' does not match the iframe's origin '${p.recipientOrigin}' (host page ${p.pageUrl || 'unknown'})`,
  );
  if (posts.length > 5) lines.push(`  - … and ${posts.length - 5} more`);
  const fix = posts[0].recipientOrigin;
  return (
    `\n\nThe browser dropped ${posts.length} postMessage call(s) of the host page to the embed, so no token update arrived:\n${lines.join('\n')}\n` +
    `A message is delivered only when targetOrigin matches the iframe's origin. Fix: post with targetOrigin '${fix}/' ` +
    `(DataLens: '${PRODUCTION_ORIGIN}'), and load the iframe from that origin: the fixture routes dlOptions.productionOrigins to this test's emulator.` +
    legacyHostCause(posts)
  );
}
