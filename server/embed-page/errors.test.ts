import { describe, expect, it } from 'vitest';
import { errorCodeOf, errorText, networkError, toWidgetError } from './client/errors.js';

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
