import { describe, expect, it } from 'vitest';
import { EMBED_USAGE_LIMIT_CODE, errorCodeOf, errorText, networkError, toWidgetError } from './client/errors.js';
import { setLang, t, TEXTS } from './client/i18n.js';

describe('errorCodeOf: the code the error card shows', () => {
  it.each([
    ['a string body.code', 400, { code: 'ERR.CHARTS.INVALID_TOKEN' }, 'ERR.CHARTS.INVALID_TOKEN'],
    ['body.error.code when body.code is a number (US status passthrough)', 500, { code: 500, error: { code: 'ERR.X' } }, 'ERR.X'],
    ['the embeddedEntry US error body', 404, { error: { code: 'ERR.ENTRY.CONFIG_LOADING_ERROR', details: { code: 404 } } }, 'ERR.ENTRY.CONFIG_LOADING_ERROR'],
    ['a storage 403 behind the dash config load (wrong key on first load)', 403, { error: { code: 'ERR.ENTRY.CONFIG_LOADING_ERROR', details: { code: 403 } } }, 'ERR.US.ENTRY_FORBIDDEN'],
    ['403 with numeric codes only', 403, { code: 403, error: { code: 403 } }, 'ERR.US.ENTRY_FORBIDDEN'],
    ['404 with numeric codes only', 404, { code: 404, error: { code: 404 } }, 'ENTRY_NOT_FOUND'],
    ['404 with a plain error string', 404, { error: '\u0421onfig was not found' }, 'ENTRY_NOT_FOUND'],
    ['any other status', 500, { error: 'Internal error' }, 'ERR.CHARTS.CONFIG_LOADING_ERROR'],
    ['a body that is not JSON', 502, '<html>Bad gateway</html>', 'ERR.CHARTS.CONFIG_LOADING_ERROR'],
    ['an empty string code', 403, { code: '' }, 'ERR.US.ENTRY_FORBIDDEN'],
  ])('%s', (_name, status, body, code) => {
    expect(errorCodeOf(status, body)).toBe(code);
  });
});

describe('errorText: the real DataLens texts for each error code', () => {
  it.each([
    ['ERR.CHARTS.INVALID_TOKEN_FORMAT', 'Invalid token format'],
    ['ERR.CHARTS.TOKEN_NOT_FOUND', 'The embed has no token'],
    ['ERR.CHARTS.INVALID_TOKEN', 'This token is not suitable for this embed'],
    ['ERR.CHARTS.OUTDATED_DEPENDENCIES', 'Embed settings expired'],
    ['ERR.US.ENTRY_FORBIDDEN', 'This token cannot be used with the specified parameters'],
    ['SOMETHING.ELSE', 'Something went wrong'],
  ])('%s -> %s', (code, text) => {
    expect(errorText(code)).toBe(text);
  });
});

describe('toWidgetError', () => {
  it("keeps the emulator's mock explanation", () => {
    const err = toWidgetError(403, { code: 403, error: { code: 403 }, mock: { reason: 'TOKEN_EXPIRED', message: 'expired', hint: 'mint a new one' } });
    expect(err).toEqual({
      status: 403,
      code: 'ERR.US.ENTRY_FORBIDDEN',
      title: 'This token cannot be used with the specified parameters',
      mock: { reason: 'TOKEN_EXPIRED', message: 'expired', hint: 'mint a new one' },
    });
  });

  it('uses a plain `error` string as the explanation when there is no mock field', () => {
    expect(toWidgetError(404, { error: 'Unknown config type x' }).mock).toEqual({ message: 'Unknown config type x' });
  });

  it('shows an unreachable server as a config loading error with a network reason', () => {
    const err = networkError('Failed to fetch');
    expect(err.code).toBe('ERR.CHARTS.CONFIG_LOADING_ERROR');
    expect(err.mock?.reason).toBe('NETWORK_ERROR');
  });
});

describe('the limit view and the request id', () => {
  it('knows the embedded-query limit code by its DataLens title', () => {
    expect(errorText(EMBED_USAGE_LIMIT_CODE)).toBe('Embedded dashboard limit exceeded');
    const e = toWidgetError(429, { code: EMBED_USAGE_LIMIT_CODE, extra: { hideRetry: true } }, 'req-1');
    expect(e).toMatchObject({ status: 429, code: EMBED_USAGE_LIMIT_CODE, title: 'Embedded dashboard limit exceeded', requestId: 'req-1' });
  });

  it('keeps the answer’s request id, and leaves it out when there is none', () => {
    expect(toWidgetError(403, { code: 'ERR.CHARTS.INVALID_TOKEN' }, 'abc').requestId).toBe('abc');
    expect(toWidgetError(404, { error: 'x' }, 'abc').requestId).toBe('abc');
    expect('requestId' in toWidgetError(403, { code: 'ERR.CHARTS.INVALID_TOKEN' }, null)).toBe(false);
  });
});

describe('the page texts in both languages', () => {
  it('has every key in ru and en, none empty', () => {
    expect(Object.keys(TEXTS.ru).sort()).toEqual(Object.keys(TEXTS.en).sort());
    for (const lang of ['ru', 'en'] as const) for (const [k, v] of Object.entries(TEXTS[lang])) expect(v.trim(), `${lang}.${k}`).not.toBe('');
  });

  it('speaks the language it is set to', () => {
    setLang('ru');
    expect(t('saveAs')).toBe('Сохранить как');
    setLang('en');
    expect(t('saveAs')).toBe('Save as');
  });
});
