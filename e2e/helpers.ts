// What the e2e specs share. Everything inside the iframe is reached only through the test hooks of
// docs/embed-pages.md, the way a user's suite would do it; the host page is client-fixtures/hosts.
import { expect, type APIRequestContext, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { HOST_URL } from './env.js';

export { EMULATOR_URL, HOST_URL } from './env.js';

export interface Embedded {
  /** The embed, for locators (auto-waiting). */
  frame: FrameLocator;
  /** The embed's Frame, for evaluate(). */
  inner(): Frame;
}

/** Opens a host page (another origin) that frames the embed, and waits until the embed is ready. */
export async function openHost(page: Page, path: string, status: 'ready' | 'error' = 'ready'): Promise<Embedded> {
  await page.goto(path);
  const frame = page.frameLocator('#dl-embed');
  await expect(frame.getByTestId('dl-status')).toHaveText(status);
  return {
    frame,
    inner: () => {
      const f = page.frames().find((x) => /\/embeds\/(chart|dash)/.test(x.url()));
      if (!f) throw new Error('the embed frame is not on the page');
      return f;
    },
  };
}

/** A token from the host backend, as the host site would mint it (signed params as `p.NAME`). */
export async function mintToken(request: APIRequestContext, embed: string, params: Record<string, string> = {}, ttl = 600): Promise<string> {
  const q = new URLSearchParams({ embed, ttl: String(ttl) });
  for (const [k, v] of Object.entries(params)) q.set(`p.${k}`, v);
  const res = await request.get(`${HOST_URL}/token?${q}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).token as string;
}

/** Posts a message from the host page to the embed, as `iframe.contentWindow.postMessage` does. */
export async function postToEmbed(page: Page, message: unknown, targetOrigin = '*'): Promise<void> {
  await page.evaluate(
    ([m, origin]) => (document.querySelector('#dl-embed') as HTMLIFrameElement).contentWindow!.postMessage(m, origin as string),
    [message, targetOrigin] as const,
  );
}

/** The messages the embed posted to the host page (recorded by client-fixtures/hosts/host.js). */
export async function hostMessages(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { dlHost: { messages: { data: unknown }[] } }).dlHost.messages.map((m) => m.data));
}
