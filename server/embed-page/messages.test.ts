import { describe, expect, it } from 'vitest';
import { classifyMessage, originAllowed } from './client/messages.js';

const ANY = ['*'];

describe('originAllowed', () => {
  it.each([
    ['* allows any origin', ['*'], 'https://evil.example', true],
    ['an empty list allows any origin', [], 'https://a.example', true],
    ['an exact origin', ['https://host.example'], 'https://host.example', true],
    ['another origin', ['https://host.example'], 'https://evil.example', false],
    ['a port is part of the origin', ['http://127.0.0.1:3000'], 'http://127.0.0.1:3001', false],
    ['a wildcard subdomain', ['https://*.example.com'], 'https://app.example.com', true],
    ['a wildcard does not match the bare domain', ['https://*.example.com'], 'https://example.com', false],
    ['a wildcard keeps the scheme', ['https://*.example.com'], 'http://app.example.com', false],
    ['a wildcard does not match a lookalike', ['https://*.example.com'], 'https://app.example.com.evil.io', false],
  ])('%s', (_name, allowed, origin, expected) => {
    expect(originAllowed(origin, allowed)).toBe(expected);
  });
});

describe('classifyMessage', () => {
  it.each([
    ['a token update', { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: ' a.b.c ' }, { kind: 'token-update', token: 'a.b.c' }],
    ['a chart height subscription', 'subscribe-for-embed-height', { kind: 'subscribe-height', dash: false }],
    ['a dash height subscription', 'subscribe-for-embed-height-dash', { kind: 'subscribe-height', dash: true }],
    ['a chart reload', { type: 'chartReload' }, { kind: 'reload' }],
  ])('accepts %s', (_name, data, expected) => {
    expect(classifyMessage(data, 'https://host.example', ANY)).toEqual(expected);
  });

  it.each([
    ['a token update without a token', { type: 'SECURE_EMBEDDING_TOKEN_UPDATE' }, true, /needs a string "token", got none/],
    ['a token that is not a string', { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: 42 }, true, /got number/],
    ['an empty token', { type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: '   ' }, true, /empty token/],
    ['a misspelt token type', { type: 'SECURE_EMBED_TOKEN_UPDATE', token: 'x' }, true, /unknown message type/],
    ["the page's own height report", { iFrameName: 'x', embedHeight: 10 }, false, /own messages/],
    ['unrelated traffic', { source: 'react-devtools' }, false, /not a DataLens embed message/],
    ['a bare string', 'hello', false, /not a DataLens embed message/],
  ])('ignores %s', (_name, data, loud, reason) => {
    const result = classifyMessage(data, 'https://host.example', ANY);
    expect(result.kind).toBe('ignore');
    if (result.kind === 'ignore') {
      expect(result.loud).toBe(loud);
      expect(result.reason).toMatch(reason);
    }
  });

  it('ignores a token update from an origin that is not allowed, naming it', () => {
    const result = classifyMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: 'a.b.c' }, 'https://evil.example', ['https://host.example']);
    expect(result).toEqual({ kind: 'ignore', loud: true, reason: 'origin https://evil.example is not in the allowed parent origins [https://host.example]' });
  });
});
