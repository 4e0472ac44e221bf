import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMockError } from '../errors/catalogue.js';
import { IDS, makeApp, nowSec, tokenFor } from '../testing/fixtures.js';
import type { MockApp } from '../server.js';
import { authenticate, claimRules, currentRule, resolveEntry } from './pipeline.js';

let mock: MockApp;
beforeAll(async () => {
  mock = await makeApp();
});
afterAll(() => mock.close());

const reasonOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'accepted';
  } catch (e) {
    if (!isMockError(e)) throw e;
    return e.reason;
  }
};

describe('the gateway pipeline, without HTTP', () => {
  it('decodes, verifies, and hands the decoded token over before verifying', async () => {
    const token = await tokenFor(IDS.chartEmbed, { params: { region: 'North' } });
    const seen: unknown[] = [];
    const auth = await authenticate(mock.ctx, token, { onDecoded: (d) => seen.push(d.embedId) });
    expect(seen).toEqual([IDS.chartEmbed]);
    expect(auth.entry.entryId).toBe(IDS.chart);
    expect(auth.signedParams).toEqual({ region: 'North' });
  });

  it.each([
    ['no header', async () => undefined, 'TOKEN_NOT_FOUND'],
    ['a repeated header', async () => [await tokenFor(IDS.chartEmbed), 'x'].join(', '), 'TOKEN_HEADER_REPEATED'],
    ['garbage', async () => 'garbage', 'TOKEN_MALFORMED'],
    ['an expired token', async () => tokenFor(IDS.chartEmbed, { iat: nowSec() - 600, exp: nowSec() - 60 }), 'TOKEN_EXPIRED'],
    ['an unknown embed', async () => tokenFor('nosuchembed01'), 'EMBED_NOT_EXISTS'],
  ])('refuses %s with its catalogued reason', async (_name, token, reason) => {
    expect(await reasonOf(authenticate(mock.ctx, await token()))).toBe(reason);
  });

  it('the caller may fix the claim rules (the doctor checks against its own clock reading)', async () => {
    const token = await tokenFor(IDS.chartEmbed);
    expect(await reasonOf(authenticate(mock.ctx, token, { rules: { ...claimRules(mock.ctx), now: nowSec() + 86_400 } }))).toBe('TOKEN_EXPIRED');
  });

  it('resolveEntry: the embed entry, a depsIds chart, or a catalogued refusal', async () => {
    const auth = await authenticate(mock.ctx, await tokenFor(IDS.dashEmbed));
    expect(resolveEntry(mock.ctx, auth, undefined).entryId).toBe(IDS.dash);
    expect(resolveEntry(mock.ctx, auth, IDS.chart).entryId).toBe(IDS.chart);
    expect(await reasonOf(() => resolveEntry(mock.ctx, auth, IDS.chart2))).toBe('ENTRY_NOT_IN_DEPS');
    expect(await reasonOf(() => resolveEntry(mock.ctx, auth, 7))).toBe('INVALID_BODY');
  });

  it('currentRule follows the precedence setting and its cutover', () => {
    const { settings } = mock.ctx;
    expect(currentRule(mock.ctx)).toBe('signed-wins');
    const before = { ...settings };
    try {
      Object.assign(settings, { precedence: 'by-date', precedenceCutover: 1_000 });
      expect([currentRule(mock.ctx, 999), currentRule(mock.ctx, 1_000)]).toEqual(['unsigned-wins', 'signed-wins']);
    } finally {
      Object.assign(settings, before);
    }
  });
});
