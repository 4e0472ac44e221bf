// What an embed frame shows, in words, for the matchers' failure messages: the page's status hooks and
// error cards (DataLens's code, and the emulator's reason, message and fix), or, when the frame holds
// no embed page at all, its URL, whether its origin is routed, and the browser's own error page.
import type { Frame } from '@playwright/test';
import { contentFrameOf, inEmbed, pageOf, statuses, type EmbedFrame } from './frame.js';
import { isProductionHost, routingOf } from './production-guard.js';

/** One error card of the page. */
export interface ShownError {
  /** DataLens's code (`dl-error-code`), e.g. `ERR.US.ENTRY_FORBIDDEN`. */
  code: string;
  /** The HTTP status of the answer the card is built from (0 when the card does not say). */
  status: number;
  /** The emulator's catalogued reason, e.g. `TOKEN_SIGNATURE_INVALID` ("" when the card has none). */
  reason: string;
  message: string;
  hint: string;
}

/** The error cards the page shows right now. */
export async function shownErrors(frame: EmbedFrame): Promise<ShownError[]> {
  return inEmbed(frame, '[data-testid="dl-error-code"]').evaluateAll((els) =>
    els.map((el) => {
      type El = { textContent: string | null; closest(s: string): { querySelector(s: string): El | null } | null };
      const e = el as unknown as El;
      const card = e.closest('.dl-error');
      const text = (s: string) => (card?.querySelector(s)?.textContent ?? '').trim();
      const status = Number(/\d{3}/.exec(text('.dl-error__status'))?.[0] ?? 0);
      const hint = text('.dl-error__hint').replace(/^How to fix:\s*/, '');
      return { code: (e.textContent ?? '').trim(), status, reason: text('.dl-error__reason'), message: text('.dl-error__message'), hint };
    }),
  );
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The `src` the host page gave the iframe (the frame's URL may be an error page by now). */
async function iframeSrc(content: Frame): Promise<string | undefined> {
  try {
    return (await (await content.frameElement()).getAttribute('src')) ?? undefined;
  } catch {
    return undefined;
  }
}

function originNote(url: string, frame: EmbedFrame): string {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return '';
  }
  if (origin === 'null') return '';
  const routing = routingOf(pageOf(frame).context());
  if (routing?.routed.includes(origin)) return `Its origin ${origin} is routed to this test's emulator.`;
  if (isProductionHost(url)) {
    return `Its origin ${origin} is real DataLens and is NOT routed (routed: ${JSON.stringify(routing?.routed ?? [])}; add it to dlOptions.productionOrigins): the request was blocked.`;
  }
  return `Its origin ${origin} is not routed by datalens-mock: the browser loaded it from ${origin} itself.`;
}

/**
 * What a frame without embed status shows: its URL (and the iframe's `src` when they differ), whether
 * that origin is routed, and the text of the page, the browser's error page included (`chrome-error://…`).
 */
export async function describeFrameContents(frame: EmbedFrame): Promise<string> {
  let content: Frame;
  try {
    content = await contentFrameOf(frame);
  } catch (e) {
    return `\n\nThe frame holds no embed page: ${(e as Error).message}`;
  }
  const url = content.url();
  const src = await iframeSrc(content);
  const lines = [`The frame shows no embed status (no dl-status hook). Its URL: ${clip(url, 200)}${src && src !== url ? ` (the iframe's src: ${clip(src, 200)})` : ''}.`];
  const note = originNote(src && /^https?:/.test(src) ? src : url, frame);
  if (note) lines.push(note);
  const text = await content
    .locator('body')
    .innerText({ timeout: 1000 })
    .then((t) => t.replace(/\s+/g, ' ').trim(), () => '');
  if (url.startsWith('chrome-error:')) lines.push(`The browser shows its error page${text ? `: "${clip(text)}"` : ''}.`);
  else if (text) lines.push(`The page reads: "${clip(text)}".`);
  return `\n\n${lines.join('\n')}`;
}

/**
 * Everything a failed frame matcher prints: the page's status hooks, then each error card with its
 * code, reason, message and hint; or, for a frame without an embed page, what it shows instead.
 */
export async function describeEmbed(frame: EmbedFrame): Promise<string> {
  let s: string[];
  let errors: ShownError[];
  try {
    [s, errors] = await Promise.all([statuses(frame), shownErrors(frame)]);
  } catch {
    return describeFrameContents(frame);
  }
  if (s.length === 0 && errors.length === 0) return describeFrameContents(frame);
  const lines = [`The page's status (dl-status): ${s.join(', ') || 'none'}.`];
  if (errors.length > 0) {
    lines.push(`It shows ${errors.length === 1 ? 'an error' : `${errors.length} errors`}:`);
    for (const x of errors) {
      lines.push(`  - HTTP status ${x.status || '(none)'}; code ${x.code}; reason ${x.reason || '(none)'}; message: ${x.message || '(none)'}; hint: ${x.hint || '(none)'}`);
    }
  } else {
    lines.push('It shows no error card.');
  }
  return `\n\n${lines.join('\n')}`;
}
