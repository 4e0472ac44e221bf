import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../journal/types.js';
import { describeDroppedPosts, parseDroppedPost } from './dropped-posts.js';
import { describeExpiredTokenRequests, expiredTokenRequests } from './expired-tokens.js';
import { Dl, resolveSeedPath } from './fixture.js';
import { normalizeOrigin } from './production-routes.js';

const CHROMIUM_LINE =
  "Failed to execute 'postMessage' on 'DOMWindow': The target origin provided ('https://datalens.yandex.cloud') does not match the recipient window's origin ('http://127.0.0.1:8080').";

describe('dropped posts', () => {
  it("reads Chromium's console line", () => {
    expect(parseDroppedPost(CHROMIUM_LINE)).toEqual({ targetOrigin: 'https://datalens.yandex.cloud', recipientOrigin: 'http://127.0.0.1:8080' });
    expect(parseDroppedPost('Uncaught TypeError: x is not a function')).toBeUndefined();
  });

  it('says nothing when nothing was dropped, and otherwise names the mismatch and the fix', () => {
    expect(describeDroppedPosts([])).toBe('');
    const text = describeDroppedPosts([{ targetOrigin: 'https://datalens.yandex.cloud', recipientOrigin: 'http://127.0.0.1:8080', pageUrl: 'http://localhost:8080/app', text: CHROMIUM_LINE }]);
    expect(text).toContain("targetOrigin 'https://datalens.yandex.cloud' does not match the iframe's origin 'http://127.0.0.1:8080' (host page http://localhost:8080/app)");
    expect(text).toContain("Fix: post with targetOrigin 'http://127.0.0.1:8080/'");
    expect(text).not.toContain('since 2025-10-09');
  });

  it.each(['https://datalens.yandex.cloud/', 'https://datalens.yandex.cloud'])('names the legacy host as the cause when the app posts to %s and the embed lives on datalens.ru', (targetOrigin) => {
    const text = describeDroppedPosts([{ targetOrigin, recipientOrigin: 'https://datalens.ru', pageUrl: 'http://localhost:3000/', text: '' }]);
    expect(text).toContain('your page posts to https://datalens.yandex.cloud/, but since 2025-10-09 the embed lives on https://datalens.ru');
    expect(text).toContain("post with targetOrigin 'https://datalens.ru'");
  });
});

const entry = (id: number, clock: number, token: JournalEntry['token'], reason?: string): JournalEntry => ({
  id,
  time: '2026-01-01T00:00:00.000Z',
  clock,
  durationMs: 1,
  kind: 'gateway',
  method: 'POST',
  route: 'POST /api/run',
  status: reason ? 403 : 200,
  verdict: reason ? 'rejected' : 'accepted',
  why: reason ? `Rejected with 403 ${reason}` : 'Accepted',
  embedId: 'abcdefghijklm',
  rejection: reason ? { reason, message: 'm', hint: 'h' } : undefined,
  token,
});
const tok = (exp?: number) => ({ header: { alg: 'PS256' }, payload: { exp }, signature: '[signature redacted]' });

/** A real-clock token (iat 100, exp 700) first seen at emulator clock 5000, used `age` seconds later. */
const seenAt = (id: number, age: number): JournalEntry => ({
  ...entry(id, 5000 + age, tok(700)),
  firstSeen: { firstSeen: 5000, age, lifetime: 600, iat: 100, exp: 700, clock: 5000 + age },
});

describe('expired-token requests', () => {
  it.each([
    ['valid until after the request', [entry(1, 100, tok(200))], []],
    ['used at exp exactly (expired, as jose judges it)', [entry(1, 200, tok(200))], [1]],
    ['refused as TOKEN_EXPIRED', [entry(1, 100, { malformed: 'x' }, 'TOKEN_EXPIRED')], [1]],
    ['no exp, not refused', [entry(1, 100, tok(undefined))], []],
    ['rpc entries are not gateway requests', [{ ...entry(1, 300, tok(200)), kind: 'rpc' as const }], []],
    ['judged by first sight, within its lifetime (its real-clock exp long past on the emulator clock)', [seenAt(1, 599)], []],
    ['judged by first sight, its lifetime used up', [seenAt(1, 600)], [1]],
  ])('%s', (_name, entries, ids) => {
    expect(expiredTokenRequests(entries).map((f) => f.entry.id)).toEqual(ids);
  });

  it('names the first offending request', () => {
    const entries = [entry(1, 100, tok(200)), entry(2, 260, tok(200)), entry(3, 900, tok(200))];
    const text = describeExpiredTokenRequests(expiredTokenRequests(entries), entries.length);
    expect(text).toMatch(/^2 of 3 gateway request\(s\) used an expired token\. The first: journal entry #2, POST \/api\/run for embed abcdefghijklm at emulator clock 260 /);
    expect(text).toContain('(exp 200 = 1970-01-01T00:03:20.000Z, 60 s before the request)');
    expect(describeExpiredTokenRequests([], 3)).toBe('None of the 3 gateway request(s) used an expired token.');
  });

  it('says when the token was judged by first sight', () => {
    const text = describeExpiredTokenRequests(expiredTokenRequests([seenAt(4, 660)]), 1);
    expect(text).toContain('(signed on the real clock, first seen at emulator clock 5000: its 600 s lifetime had run out 60 s before the request)');
  });
});

describe('fixture options', () => {
  it.each([
    ['seed.yaml', '/repo/e2e/playwright.config.ts', '/repo/e2e/seed.yaml'],
    ['../seeds/a.yaml', '/repo/e2e/playwright.config.ts', '/repo/seeds/a.yaml'],
    ['/abs/seed.yaml', '/repo/playwright.config.ts', '/abs/seed.yaml'],
    ['seed.yaml', undefined, `${process.cwd()}/seed.yaml`],
    [undefined, '/repo/playwright.config.ts', undefined],
  ])('seed %s with config %s resolves to %s', (seed, config, expected) => {
    expect(resolveSeedPath(seed, config)).toBe(expected);
  });

  it.each([
    ['https://datalens.yandex.cloud/', 'https://datalens.yandex.cloud'],
    ['https://DataLens.Example.test:8443', 'https://datalens.example.test:8443'],
  ])('production origin %s is %s', (input, origin) => {
    expect(normalizeOrigin(input)).toBe(origin);
  });

  it.each(['datalens.yandex.cloud', 'https://datalens.yandex.cloud/embeds', 'ftp://x.test'])('refuses %s as a production origin', (input) => {
    expect(() => normalizeOrigin(input)).toThrow(/dlOptions\.productionOrigins: .* (is not an origin)/);
  });

  it('puts links on a routed production origin without the namespace path, and others with it', async () => {
    const dl = new Dl('http://127.0.0.1:9/_ns/t1', 't1', undefined, ['https://datalens.yandex.cloud']);
    const link = (origin?: string) => (dl as unknown as { linkBase(o?: string): string }).linkBase(origin);
    expect(link()).toBe('http://127.0.0.1:9/_ns/t1');
    expect(link('production')).toBe('https://datalens.yandex.cloud');
    expect(link('https://datalens.yandex.cloud/')).toBe('https://datalens.yandex.cloud');
    expect(link('https://other.test')).toBe('https://other.test/_ns/t1');
    const off = new Dl('http://127.0.0.1:9/_ns/t1', 't1', undefined, []);
    expect(() => (off as unknown as { linkBase(o?: string): string }).linkBase('production')).toThrow(/production routing is off/);
  });
});
