import { describe, expect, it } from 'vitest';
import { PRODUCTION_HOSTS, PRODUCTION_ORIGINS, isLegacyOrigin, legacyRedirectLocation } from './production.js';

describe('production hosts', () => {
  it('lists datalens.ru first, then the legacy embed host, then the Public API host', () => {
    expect(PRODUCTION_ORIGINS).toEqual(['https://datalens.ru', 'https://datalens.yandex.cloud']);
    expect(PRODUCTION_HOSTS).toEqual(['datalens.ru', 'datalens.yandex.cloud', 'api.datalens.tech']);
  });

  it.each([
    ['https://datalens.yandex.cloud', true],
    ['https://datalens.yandex.cloud/', true],
    ['https://datalens.ru/', false],
    ['not an origin', false],
  ])('isLegacyOrigin(%s) is %s', (origin, legacy) => {
    expect(isLegacyOrigin(origin)).toBe(legacy);
  });
});

describe('legacyRedirectLocation', () => {
  it.each([
    ['datalens.yandex.cloud', '/embeds/dash', 'https://datalens.ru/embeds/dash'],
    ['datalens.yandex.cloud', '/embeds/chart?a=1&b=%20', 'https://datalens.ru/embeds/chart?a=1&b=%20'],
    ['datalens.yandex.cloud', '/embeds', 'https://datalens.ru/embeds'],
    ['datalens.yandex.cloud', '/embeds?x', 'https://datalens.ru/embeds?x'],
    ['datalens.yandex.cloud', '/_ns/t1/embeds/dash', 'https://datalens.ru/_ns/t1/embeds/dash'],
    ['datalens.yandex.cloud', '/embedsX', undefined],
    ['datalens.yandex.cloud', '/rpc/createEmbed', undefined],
    ['datalens.yandex.cloud', '/', undefined],
    ['datalens.ru', '/embeds/dash', undefined],
    [undefined, '/embeds/dash', undefined],
  ])('%s %s → %s', (host, path, location) => {
    expect(legacyRedirectLocation(host, path)).toBe(location);
  });
});
