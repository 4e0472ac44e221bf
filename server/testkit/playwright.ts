/**
 * `datalens-mock/playwright`: a Playwright test with a `dl` fixture and embed matchers.
 *
 *   import { test, expect } from 'datalens-mock/playwright';
 *   test.use({ dlOptions: { seed: 'seed.yaml' } });
 *   test('...', async ({ page, dl }) => { ... await expect(frame).toHaveEffectiveParams({region: 'North'}) });
 *
 * Guide: docs/testing.md.
 */
import { expect as baseExpect } from '@playwright/test';
import { dlMatchers } from './matchers.js';

export { test, Dl, type DlOptions, type DlWorkerOptions, type DlWorkerEmulator } from './fixture.js';
export type { DroppedPost } from './dropped-posts.js';
export type { BlockedRequest } from './production-guard.js';
export type { ExpiredTokenRequest } from './expired-tokens.js';
export type { InstallClockOptions, AdvanceClockOptions } from './time-travel.js';
export { DlClient, DlRequestError, hostOriginFor, type SignTokenOptions, type EmbedUrlOptions, type MintedToken, type ClockView } from './client.js';
export { effectiveParams, hostPageHtml, readParams, tokenGeneration, updateToken, type EmbedFrame } from './frame.js';
export { startEmulator, type Emulator } from './emulator.js';
export type { ExpectedParams, EffectiveParamsOptions } from './matchers.js';
export type { JournalEntry, JournalFilter } from '../journal/types.js';
export type { Fault, FaultSpec } from '../faults/registry.js';

/**
 * Playwright's `expect` plus `toHaveEffectiveParams`, `toHaveEmbedStatus`, `toHaveEmbedError`,
 * `toHaveTokenGeneration` and `toHaveNoExpiredTokenRequests`.
 */
export const expect = baseExpect.extend(dlMatchers);
