// `dl.app()`: the published MockApp view of this test's namespace (in-process mode), or undefined
// when the worker talks to a shared emulator over HTTP.
import { test, expect } from 'datalens-mock/playwright';

test('dl.app() reaches the namespace in process: its clock, seed and request listener', async ({ dl }, testInfo) => {
  const app = await dl.app();
  if (testInfo.project.name === 'testkit-shared') {
    expect(app).toBeUndefined();
    return;
  }
  expect(typeof app?.app).toBe('function');
  expect(Object.keys(app!.seed.embeds)).toContain('orders');
  app!.ctx.clock.set(1_700_000_000);
  expect(await dl.clock()).toMatchObject({ now: 1_700_000_000 });
  await app!.ctx.reset();
  expect(app!.ctx.clock.pinned).toBeNull();
});
