// What a page's own scripts have asked of the network, counted inside the page. Playwright reports a
// request to the test a little after the page made it; on a busy machine, later than any quiet time
// the test could wait. A timer of the app (its token refresh) calls fetch synchronously, so a counter
// kept in the page knows at once; time travel waits until the page's requests and what they set off
// (reading the body, the app's continuation) are done before it moves the clock again.
import type { Page } from '@playwright/test';

/**
 * Counts fetch and XMLHttpRequest calls of every frame (`window.__dlNet`). A request stays pending
 * until its answer and the body the app reads are in, and one task more: the app's own continuation
 * has then run. Plain JavaScript, run in the page before its scripts; MessageChannel gives that task
 * (Playwright's clock fakes timers, not message ports).
 */
const COUNTER = `(() => {
  if (window.__dlNet) return;
  const net = (window.__dlNet = { started: 0, pending: 0 });
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { net.pending -= 1; };
  const done = () => channel.port2.postMessage(0);
  const track = (p) => { net.started += 1; net.pending += 1; p.then(done, done); return p; };
  const fetch0 = window.fetch;
  if (fetch0) window.fetch = function (...args) { return track(fetch0.apply(this, args)); };
  const proto = window.Response && window.Response.prototype;
  for (const m of ['json', 'text', 'arrayBuffer', 'blob', 'formData']) {
    const read = proto && proto[m];
    if (read) proto[m] = function (...a) { return track(read.apply(this, a)); };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...a) {
    net.started += 1; net.pending += 1;
    this.addEventListener('loadend', done, { once: true });
    return send.apply(this, a);
  };
})();`;

const watched = new WeakSet<Page>();

/** Installs the counter in every frame of `page` from its next navigation on (before the host page loads). */
export async function watchPageNetwork(page: Page): Promise<void> {
  if (watched.has(page)) return;
  watched.add(page);
  await page.addInitScript({ content: COUNTER });
}
