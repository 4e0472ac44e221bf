import type { IncomingHttpHeaders } from 'node:http';
import { MockError } from '../errors/catalogue.js';

/** The header that names the Public API version of a call (docs/fidelity.md, "Public API"). */
export const API_VERSION_HEADER = 'x-dl-api-version';

/** The versions the Public API knows: `latest` and the numbered ones its reference pages name. */
export const API_VERSIONS: readonly string[] = ['1', '2', '3', 'latest'];

/**
 * Refuses a call whose `x-dl-api-version` names no version, as the Public API does (400
 * `INVALID_API_VERSION_HEADER`). A call without the header passes: production refuses it too, but the
 * emulator's own clients and older scripts send none. `Authorization: Bearer …` and `x-dl-org-id` are
 * accepted and not verified: the emulator has no IAM and one organization.
 */
export function checkApiVersionHeader(headers: IncomingHttpHeaders): void {
  const raw = headers[API_VERSION_HEADER];
  if (raw === undefined) return;
  const value = Array.isArray(raw) ? raw.join(', ') : raw;
  if (API_VERSIONS.includes(value)) return;
  throw new MockError('INVALID_API_VERSION_HEADER', {
    field: API_VERSION_HEADER,
    message: `${API_VERSION_HEADER}: ${JSON.stringify(value.slice(0, 100))} names no version of the Public API; valid values: ${API_VERSIONS.join(', ')}.`,
  });
}
