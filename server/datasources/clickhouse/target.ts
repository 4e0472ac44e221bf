import { redactUrlPasswords, splitUrlCredentials } from '../../core/url-password.js';
import { MockError } from '../../errors/catalogue.js';

import type { ClickHouseTarget } from '../../store/partner-records.js';

export type { ClickHouseTarget };

/** The user the partner guide tells partners to create. */
export const DEFAULT_USERNAME = 'datalens';
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Percent-decoding where the text is percent-encoded; a raw `%` stays as typed. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads `http(s)://USER:PASSWORD@HOST:PORT` (credentials optional; explicit ones win). The
 * password runs to the last `@`, so one with a raw `@` or `/` reads whole (a URL parser would cut
 * it at the `/`). The URL kept has no credentials, so that it can be shown and logged.
 */
export function parseTarget(
  input: { url: string; username?: string; password?: string; timeoutMs?: number },
  field = 'clickhouse.url',
): ClickHouseTarget {
  const credentials = splitUrlCredentials(input.url.trim());
  let u: URL;
  try {
    u = new URL(credentials ? `${credentials.scheme}${credentials.rest}` : input.url);
  } catch {
    throw new MockError('INVALID_BODY', { field, message: 'The ClickHouse URL is not a URL: give its HTTP interface, e.g. http://127.0.0.1:8123.' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new MockError('INVALID_BODY', { field, message: `The ClickHouse URL must be http:// or https:// (its HTTP interface), not ${u.protocol}//.` });
  }
  const inUrl = credentials ?? { username: u.username, password: u.password };
  const username = input.username ?? (inUrl.username ? decoded(inUrl.username) : DEFAULT_USERNAME);
  const password = input.password ?? (inUrl.password ? decoded(inUrl.password) : '');
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/$/, ''), username, password, timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

/** Removes the password from any text that may reach a user or a log: the target's own, and any URL credentials. */
export function redact(text: string, target: Pick<ClickHouseTarget, 'password'>): string {
  const out = redactUrlPasswords(text, '***');
  if (!target.password) return out;
  return out.split(target.password).join('***').split(encodeURIComponent(target.password)).join('***');
}
