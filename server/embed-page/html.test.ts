import { describe, expect, it } from 'vitest';
import { renderPageShell, scriptJson } from './html.js';

const assets = new Map([
  ['embed.js', { body: Buffer.from(''), contentType: 'text/javascript', hash: 'abc' }],
  ['embed.css', { body: Buffer.from(''), contentType: 'text/css', hash: 'def' }],
] as const);

describe('renderPageShell', () => {
  const html = renderPageShell({ kind: 'chart', base: '/embeds', appBase: '', allowedParentOrigins: ['*'], version: '1.0.0', assets: new Map(assets) });

  it('has the page-level test hooks before any script runs', () => {
    expect(html).toContain('<span data-testid="dl-status">loading</span>');
    expect(html).toContain('<span data-testid="dl-token-generation">0</span>');
  });

  it('passes the page config in window.DL, as DataLens sets embed {mode: chart}', () => {
    const json = /window\.DL = (.*?);<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({
      page: 'chart',
      embed: { mode: 'chart' },
      apiPrefix: '/embeds/api',
      endpoints: { charts: '/charts' },
      installationType: 'external',
      features: { SecureEmbeddingEnabled: true, EmbeddingUsageLimitEnabled: true },
      appBase: '',
      allowedParentOrigins: ['*'],
      version: '1.0.0',
    });
  });

  it('loads the bundle relative to where the router is mounted, with a content hash', () => {
    expect(html).toContain('src="/embeds/static/embed.js?v=abc"');
    expect(html).toContain('href="/embeds/static/embed.css?v=def"');
  });

  it('sets embed: true on dash pages', () => {
    const dash = renderPageShell({ kind: 'dash', base: '/embeds', appBase: '/x', allowedParentOrigins: [], version: '1', assets: new Map(assets) });
    expect(dash).toContain('"embed":true');
  });
});

describe('scriptJson', () => {
  it('cannot close the script element or open a comment', () => {
    const text = scriptJson({ origin: '</script><!--<script>alert(1)</script>', amp: '&', sep: '\u2028' });
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual({ origin: '</script><!--<script>alert(1)</script>', amp: '&', sep: '\u2028' });
  });
});
