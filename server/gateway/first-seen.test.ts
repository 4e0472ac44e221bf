import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../core/clock.js';
import { isMockError } from '../errors/catalogue.js';
import { DEMO_PRIVATE_KEY, IDS, httpOf, makeApp, nowSec, systemPython, tokenFor } from '../testing/fixtures.js';
import type { MockApp } from '../server.js';
import { signFor } from '../testkit/emulator.js';
import { FIRST_SEEN_CAPACITY, FirstSeenTokens, describeFirstSeen } from './first-seen.js';
import { authenticate } from './pipeline.js';

const REAL = 1_800_000_000;
const rulesAt = (now: number) => ({ now, strict: true });
const pinnedAt = (t: number) => {
  // The clock left real time at REAL.
  const clock = new Clock(() => REAL);
  clock.set(t);
  return clock;
};

describe('FirstSeenTokens.judge', () => {
  // Real time is REAL; a 600 s token signed on the real clock unless the row says otherwise.
  it.each([
    { name: 'a real-clock token on a moved clock ages from its first sight', iat: REAL, clock: REAL + 3600, judged: true, now: REAL },
    { name: 'a token signed on the moved clock is judged as usual', iat: REAL + 3600, clock: REAL + 3600, judged: false, now: REAL + 3600 },
    { name: 'a token already expired on the real clock is judged as usual', iat: REAL - 900, clock: REAL + 3600, judged: false, now: REAL + 3600 },
    { name: 'a token signed more than the skew ahead of real time is judged as usual', iat: REAL + 120, clock: REAL + 3600, judged: false, now: REAL + 3600 },
    { name: 'a backend clock a little ahead still counts as the real clock', iat: REAL + 30, clock: REAL + 3600, judged: true, now: REAL + 30 },
  ])('$name', ({ iat, clock, judged, now }) => {
    const seen = new FirstSeenTokens();
    const r = seen.judge(`t-${iat}`, { iat, exp: iat + 600 }, pinnedAt(clock), rulesAt(clock), REAL);
    expect(r.judgement !== undefined).toBe(judged);
    expect(r.rules.now).toBe(now);
  });

  it('is off while the clock runs in real time', () => {
    const r = new FirstSeenTokens().judge('t', { iat: REAL, exp: REAL + 600 }, new Clock(() => REAL), rulesAt(REAL), REAL);
    expect(r.judgement).toBeUndefined();
  });

  it('judges a token signed before the clock moved (an earlier second) and first shown after it as usual: as old as its iat says', () => {
    const r = new FirstSeenTokens().judge('t', { iat: REAL - 5, exp: REAL + 55 }, pinnedAt(REAL + 3600), rulesAt(REAL + 3600), REAL);
    expect(r.judgement).toBeUndefined();
    expect(r.rules.now).toBe(REAL + 3600);
  });

  it('ages a token seen on real time from that sight once the clock moves', () => {
    let real = REAL - 5;
    const clock = new Clock(() => real);
    const seen = new FirstSeenTokens();
    expect(seen.judge('t', { iat: REAL - 5, exp: REAL + 595 }, clock, rulesAt(real), real).judgement).toBeUndefined();
    real = REAL;
    clock.set(REAL + 3600);
    const r = seen.judge('t', { iat: REAL - 5, exp: REAL + 595 }, clock, rulesAt(REAL + 3600), REAL);
    expect(r.judgement).toMatchObject({ firstSeen: REAL - 5, age: 3605 });
    expect(r.rules.now).toBe(REAL - 5 + 3605);
  });

  it('leaves tokens without numeric iat and exp, and minted ones, to the usual rules', () => {
    const seen = new FirstSeenTokens();
    const clock = pinnedAt(REAL + 3600);
    expect(seen.judge('a', { exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL).judgement).toBeUndefined();
    expect(seen.judge('b', { iat: '1', exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL).judgement).toBeUndefined();
    seen.markMinted('c');
    expect(seen.judge('c', { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL).judgement).toBeUndefined();
  });

  it('keeps the first sight: the lifetime runs out on the emulator clock', () => {
    const seen = new FirstSeenTokens();
    const clock = pinnedAt(REAL + 3600);
    const first = seen.judge('t', { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL);
    expect(first.judgement).toMatchObject({ firstSeen: REAL + 3600, age: 0, lifetime: 600 });
    clock.set(REAL + 3600 + 700);
    // Seconds later in real time: the token is still recognised, now 700 s old.
    const later = seen.judge('t', { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 4300), REAL + 5);
    expect(later.rules.now).toBe(REAL + 700);
    expect(describeFirstSeen(later.judgement!)).toContain('expired 100 s ago');
  });

  it('forgets what it saw when the clock returns to real time', () => {
    const seen = new FirstSeenTokens();
    const clock = pinnedAt(REAL + 3600);
    seen.judge('t', { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL);
    expect(seen.size).toBe(1);
    clock.set(null);
    clock.set(REAL + 7200);
    expect(seen.judge('t', { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 7200), REAL).judgement).toMatchObject({ firstSeen: REAL + 7200, age: 0 });
    expect(seen.size).toBe(1);
  });

  it(`remembers at most ${FIRST_SEEN_CAPACITY} tokens, the oldest forgotten first`, () => {
    const seen = new FirstSeenTokens();
    const clock = pinnedAt(REAL + 3600);
    for (let i = 0; i < FIRST_SEEN_CAPACITY + 50; i++) seen.judge(`t${i}`, { iat: REAL, exp: REAL + 600 }, clock, rulesAt(REAL + 3600), REAL);
    expect(seen.size).toBe(FIRST_SEEN_CAPACITY);
  });
});

describe('the gateway with a moved clock and a backend on the real clock', () => {
  let mock: MockApp;
  beforeAll(async () => {
    mock = await makeApp();
  });
  beforeEach(() => mock.ctx.reset());
  afterAll(() => mock.close());

  const reasonOf = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e: unknown) => (isMockError(e) ? e.reason : Promise.reject(e)),
    );

  // As in a time-travel test: the clock moves first, then the backend signs on the real clock. (A
  // token signed in an earlier second than the move is judged by its iat, as a test above shows.)
  it('accepts a fresh real-clock token 12 minutes into the future, refuses it once its lifetime passed there', async () => {
    const moved = nowSec() + 12 * 60;
    mock.ctx.clock.set(moved);
    const iat = nowSec();
    const token = await tokenFor(IDS.chartEmbed, { iat, exp: iat + 600 });
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('accepted');
    mock.ctx.clock.set(moved + 599);
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('accepted');
    mock.ctx.clock.set(moved + 601);
    const refused = await authenticate(mock.ctx, token).catch((e: Error) => e);
    expect(refused).toMatchObject({ reason: 'TOKEN_EXPIRED' });
    expect((refused as Error).message).toMatch(/^Judged by first sight: .* its 600 s lifetime .* expired \d+ s ago\.$/);
  });

  it('judges a token the emulator minted on its own clock as usual', async () => {
    const token = await signFor(mock, { embedId: IDS.chartEmbed, ttl: 60 });
    mock.ctx.clock.set(nowSec() + 3600);
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('TOKEN_EXPIRED');
  });

  it('says so in the journal entry, and the usual rule comes back after a reset', async () => {
    mock.ctx.clock.set(nowSec() + 3600);
    const iat = nowSec();
    const token = await tokenFor(IDS.chartEmbed, { iat, exp: iat + 600 });
    const http = httpOf(mock);
    await request(http).post('/api/run').set('x-dl-embed-token', token).send({}).expect(200);
    const [entry] = (await request(http).get('/_mock/journal?kind=gateway').expect(200)).body.entries;
    expect(entry.firstSeen).toMatchObject({ age: 0, lifetime: 600 });
    expect(entry.why).toContain('Judged by first sight');
    expect(entry.warnings).toBeUndefined();
    await mock.ctx.reset();
    mock.ctx.clock.set(nowSec() + 3600);
    mock.ctx.clock.set(null);
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('accepted');
  });

  // Any language: the official samples sign on the real clock (360 s tokens), in processes of their own.
  const samples = join(import.meta.dirname, '../../client-fixtures/samples');
  it.each([
    ['Python (PyJWT)', systemPython(), [join(samples, 'mint_token.py')], {}],
    ['Node (jsonwebtoken)', process.execPath, [join(samples, 'mint-token.cjs')], { NODE_PATH: join(import.meta.dirname, '../../node_modules') }],
  ])('a %s backend on the real clock passes a moved clock, and its token still expires', async (_name, cmd, args, env) => {
    const start = nowSec() + 5 * 3600;
    mock.ctx.clock.set(start);
    const token = execFileSync(cmd, args, { env: { ...process.env, DL_PRIVATE_KEY: DEMO_PRIVATE_KEY, DL_EMBED_ID: IDS.chartEmbed, ...env }, encoding: 'utf8' }).trim();
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('accepted');
    mock.ctx.clock.set(start + 359);
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('accepted');
    mock.ctx.clock.set(start + 360);
    expect(await reasonOf(authenticate(mock.ctx, token))).toBe('TOKEN_EXPIRED');
  });
});
