import { describe, expect, it } from 'vitest';
import { FaultRegistry, faultSpec, type FaultSpec, type FaultTarget } from './registry.js';

const run = (embedId?: string): FaultTarget => ({ kind: 'gateway', gatewayRoute: 'run', embedId });
const entry: FaultTarget = { kind: 'gateway', gatewayRoute: 'embedded-entry', embedId: 'aaaaaaaaaaaaa' };
const rpc = (rpcMethod: string): FaultTarget => ({ kind: 'rpc', rpcMethod });
const partner: FaultTarget = { kind: 'partner' };

describe('which requests a fault matches', () => {
  const cases: { name: string; spec: FaultSpec; target: FaultTarget; matches: boolean }[] = [
    { name: 'default route gateway: a run', spec: { status: 500 }, target: run('aaaaaaaaaaaaa'), matches: true },
    { name: 'default route gateway: embedded-entry', spec: { status: 500 }, target: entry, matches: true },
    { name: 'default route gateway: not rpc', spec: { status: 500 }, target: rpc('getEmbed'), matches: false },
    { name: 'route run: not embedded-entry', spec: { route: 'run', status: 500 }, target: entry, matches: false },
    { name: 'embedId: the same embed', spec: { embedId: 'aaaaaaaaaaaaa', status: 500 }, target: run('aaaaaaaaaaaaa'), matches: true },
    { name: 'embedId: another embed', spec: { embedId: 'aaaaaaaaaaaaa', status: 500 }, target: run('bbbbbbbbbbbbb'), matches: false },
    { name: 'embedId: a request without a token', spec: { embedId: 'aaaaaaaaaaaaa', status: 500 }, target: run(), matches: false },
    { name: 'route rpc + method: that method', spec: { route: 'rpc', rpcMethod: 'createEmbed', status: 500 }, target: rpc('createEmbed'), matches: true },
    { name: 'route rpc + method: another method', spec: { route: 'rpc', rpcMethod: 'createEmbed', status: 500 }, target: rpc('getEmbed'), matches: false },
    { name: 'route partner', spec: { route: 'partner', status: 502 }, target: partner, matches: true },
    { name: 'route any: rpc too', spec: { route: 'any', latencyMs: 1 }, target: rpc('getEmbed'), matches: true },
  ];
  it.each(cases)('$name', ({ spec, target, matches }) => {
    const r = new FaultRegistry();
    r.add(spec);
    expect(r.take(target) !== undefined).toBe(matches);
  });
});

describe('fault lifetime and order', () => {
  it('`times: 2` shapes exactly the next two matching requests, then is gone', () => {
    const r = new FaultRegistry();
    const f = r.add({ route: 'run', embedId: 'aaaaaaaaaaaaa', times: 2, reject: 'outdated' });
    expect(f).toMatchObject({ id: 'f1', reject: 'ENTRY_NOT_IN_DEPS', remaining: 2, hits: 0 });
    expect(r.take(run('bbbbbbbbbbbbb'))).toBeUndefined();
    expect(r.take(run('aaaaaaaaaaaaa'))).toMatchObject({ id: 'f1', remaining: 1, hits: 1 });
    expect(r.take(run('aaaaaaaaaaaaa'))).toMatchObject({ id: 'f1', remaining: 0, hits: 2 });
    expect(r.take(run('aaaaaaaaaaaaa'))).toBeUndefined();
    expect(r.list()).toEqual([]);
  });

  it('without `times` a fault stays until removed', () => {
    const r = new FaultRegistry();
    r.add({ status: 500 });
    for (let i = 0; i < 5; i++) expect(r.take(run())).toBeDefined();
    expect(r.list()[0]).toMatchObject({ remaining: null, hits: 5 });
    expect(r.remove('f1')).toBe(true);
    expect(r.remove('f1')).toBe(false);
    expect(r.take(run())).toBeUndefined();
  });

  it('the first added matching fault wins', () => {
    const r = new FaultRegistry();
    r.add({ route: 'run', status: 500, times: 1 });
    r.add({ route: 'gateway', status: 503 });
    expect(r.take(run())?.status).toBe(500);
    expect(r.take(run())?.status).toBe(503);
  });

  it('describes itself in words', () => {
    const r = new FaultRegistry();
    expect(r.add({ route: 'run', embedId: 'aaaaaaaaaaaaa', times: 3, reject: 'outdated' }).description).toBe(
      'the next 3 run requests for embed aaaaaaaaaaaaa: reject with ENTRY_NOT_IN_DEPS (409)',
    );
    expect(r.add({ latencyMs: 2000, status: 500 }).description).toBe('every gateway request: wait 2000 ms, then answer 500');
  });
});

describe('fault specs that are refused', () => {
  const bad: { name: string; spec: unknown }[] = [
    { name: 'no effect at all', spec: { route: 'run' } },
    { name: 'reject and status together', spec: { reject: 'outdated', status: 500 } },
    { name: 'an unknown reason', spec: { reject: 'NOPE' } },
    { name: 'a status below 400', spec: { status: 200 } },
    { name: 'latency over two minutes', spec: { latencyMs: 120_001 } },
    { name: 'times 0', spec: { status: 500, times: 0 } },
    { name: 'a body without a status', spec: { reject: 'outdated', body: {} } },
    { name: 'an unknown field', spec: { status: 500, colour: 'red' } },
    { name: 'an unknown route', spec: { route: 'pages', status: 500 } },
  ];
  it.each(bad)('$name', ({ spec }) => {
    expect(faultSpec.safeParse(spec).success).toBe(false);
  });

  it('accepts any catalogued reason code as well as the aliases', () => {
    expect(new FaultRegistry().add({ reject: 'TOKEN_SIGNATURE_INVALID' }).reject).toBe('TOKEN_SIGNATURE_INVALID');
    expect(new FaultRegistry().add({ reject: 'expired' }).reject).toBe('TOKEN_EXPIRED');
    const limit = new FaultRegistry().add({ reject: 'embed-usage-limit' });
    expect(limit.reject).toBe('EMBED_USAGE_LIMIT_EXCEEDED');
    expect(limit.description).toBe('every gateway request: reject with EMBED_USAGE_LIMIT_EXCEEDED (429)');
  });
});
