import { describe, expect, it } from 'vitest';
import { classifyRequest, requestClassifier } from './facts.js';

describe('requestClassifier', () => {
  const rows: [string, string, string][] = [
    ['the run the page calls', 'POST', '/api/run'],
    ['a production gateway path', 'POST', '/charts/embeds/api/run'],
    ['the embedded entry', 'GET', '/embeds/api/embedded-entry'],
    ['an rpc method', 'POST', '/rpc/createEmbed'],
    ['a partner call', 'POST', '/_mock/partner/decrypt'],
    ['a page, not journaled', 'GET', '/embeds/chart'],
    ['a path longer than what is remembered', 'POST', `/rpc/${'m'.repeat(300)}`],
  ];

  it.each(rows)('%s: the same facts as classifyRequest, with the route', (_name, method, path) => {
    const classify = requestClassifier('/api');
    const expected = classifyRequest(path, '/api');
    for (let i = 0; i < 2; i++) {
      const got = classify(method, path);
      if (expected === undefined) expect(got).toBeUndefined();
      else expect(got).toEqual({ facts: expected, route: `${method} ${path}` });
    }
  });

  it('answers a repeated request with the same frozen object', () => {
    const classify = requestClassifier('/api');
    const first = classify('POST', '/api/run');
    expect(classify('POST', '/api/run')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.facts)).toBe(true);
    expect(classify('GET', '/api/run')?.route).toBe('GET /api/run');
  });

  it('stays right when clients send more paths than it remembers', () => {
    const classify = requestClassifier('/api');
    for (let i = 0; i < 2000; i++) expect(classify('POST', `/rpc/m${i}`)?.facts.rpcMethod).toBe(`m${i}`);
    expect(classify('POST', '/rpc/m0')?.route).toBe('POST /rpc/m0');
  });
});
