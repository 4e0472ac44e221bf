/**
 * `datalens-mock/testkit`: for vitest, jest or node:test suites (no Playwright needed).
 *
 * - `startEmulator(options)`: an in-process emulator on a free port with a `dl` client;
 * - `createMockApp(options).app`: an Express app for supertest, with no listening socket,
 *   and `signFor(mock, {embedId, params})` to sign tokens for it without HTTP;
 * - `DlClient`: the same client for an emulator that is already running (and its namespaces).
 *
 * Guide: docs/testing.md.
 */
export { createMockApp, createMockServer, type MockApp, type MockServer, type MockContext } from '../public-api.js';
export type { ServerOptions } from '../core/config.js';
export { startEmulator, signFor, seededEmbed, type Emulator } from './emulator.js';
export { DlClient, DlRequestError, type SignTokenOptions, type EmbedUrlOptions, type MintedToken, type ClockView, type JournalPage } from './client.js';
export type { JournalEntry, JournalFilter, JournalKind, Verdict } from '../journal/types.js';
export type { Fault, FaultSpec, FaultRoute } from '../faults/registry.js';
export type { NamespaceInfo } from '../namespaces/info.js';
