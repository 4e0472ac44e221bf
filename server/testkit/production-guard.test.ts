import { describe, expect, it } from 'vitest';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { describeBlocked, isProductionHost } from './production-guard.js';

describe('isProductionHost', () => {
  it.each<[string, boolean]>([
    ...PRODUCTION_HOSTS.map((h): [string, boolean] => [`https://${h}/embeds/chart`, true]),
    ...PRODUCTION_HOSTS.map((h): [string, boolean] => [`http://${h}:8080/x`, true]),
    ['https://datalens.example.test/embeds/chart', false],
    ['http://127.0.0.1:8080/embeds/chart', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isProductionHost(url)).toBe(expected);
  });
});

describe('describeBlocked: the failure of a test that reached for real DataLens', () => {
  const blocked = [{ method: 'GET', url: 'https://datalens.yandex.cloud/embeds/chart', resourceType: 'document' }];

  it('is empty when nothing was blocked', () => {
    expect(describeBlocked({ routed: [], blocked: [] })).toBe('');
  });

  it('names each URL, and the way out when routing is off', () => {
    const text = describeBlocked({ routed: [], blocked });
    expect(text).toContain('This test requested real DataLens; datalens-mock blocked it, so no token left the machine:');
    expect(text).toContain('  - GET https://datalens.yandex.cloud/embeds/chart (document)');
    expect(text).toContain('Production routing is off (dlOptions.productionOrigins is [])');
  });

  it('names the routed origins when the host was left out of them, and counts past five', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ method: 'POST', url: `https://datalens.yandex.cloud/api/run?${i}`, resourceType: 'fetch' }));
    const text = describeBlocked({ routed: ['https://datalens.example.test'], blocked: many });
    expect(text).toContain("Only https://datalens.example.test is routed to the test's emulator: add the origin to dlOptions.productionOrigins");
    expect(text).toContain('  - … and 2 more');
  });
});
