import { describe, expect, it } from 'vitest';
import { EMBED_TOKEN_KEY, embedLink, linkQuery, tokenFromHash } from './embed-link.js';

describe('embedLink: one builder for every embed link', () => {
  it.each([
    ['a chart, no params', { base: 'http://127.0.0.1:8080', scope: 'widget', token: 'a.b.c' }, 'http://127.0.0.1:8080/embeds/chart#dl_embed_token=a.b.c'],
    ['a dashboard with a param', { base: 'https://dl.example', scope: 'dash', params: { from: '2022-01-01' }, token: 't' }, 'https://dl.example/embeds/dash?from=2022-01-01#dl_embed_token=t'],
    ['an array repeats the key', { base: 'http://h', scope: 'widget', params: { region: ['North', 'South'] }, token: 't' }, 'http://h/embeds/chart?region=North&region=South#dl_embed_token=t'],
    ['a namespace base', { base: 'http://h/_ns/w0', scope: 'widget', params: { a: undefined }, token: 'garbage' }, 'http://h/_ns/w0/embeds/chart#dl_embed_token=garbage'],
  ])('%s', (_name, parts, link) => {
    expect(embedLink(parts)).toBe(link);
  });

  it('the page reads back the token under the same key', () => {
    const url = new URL(embedLink({ base: 'http://h', scope: 'dash', token: 'x.y.z' }));
    expect(new URLSearchParams(url.hash.slice(1)).get(EMBED_TOKEN_KEY)).toBe('x.y.z');
  });

  it('linkQuery encodes values and skips undefined', () => {
    expect(linkQuery({ q: 'a b&c', n: 1, skip: undefined })).toBe('q=a+b%26c&n=1');
  });
});

describe('tokenFromHash', () => {
  it.each([
    ['the documented link', '#dl_embed_token=aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['without the leading #', 'dl_embed_token=aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['with other fragment keys', '#x=1&dl_embed_token=aaa.bbb.ccc&y=2', 'aaa.bbb.ccc'],
    ['no fragment', '', ''],
    ['a fragment without the token', '#section', ''],
  ])('%s', (_name, hash, token) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});
