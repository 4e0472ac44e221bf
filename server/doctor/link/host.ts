import { LEGACY_HOST, LEGACY_ORIGIN, LEGACY_REDIRECT_SINCE, PRODUCTION_ORIGIN } from '../../core/production.js';
import type { Findings } from '../findings.js';

/**
 * A link on the legacy host (docs/fidelity.md, "Hosts and the redirect"): production redirects it to
 * datalens.ru, so the iframe's origin is not the one the app posts its token updates to.
 */
export function checkLinkHost(text: string, f: Findings): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return; // a relative link names no host
  }
  if (url.hostname.toLowerCase() !== LEGACY_HOST) return;
  const moved = `${PRODUCTION_ORIGIN}${url.pathname}${url.search}${url.hash ? '#dl_embed_token=…' : ''}`;
  f.add('DLM-430', {
    path: 'host',
    message:
      `The link opens ${LEGACY_ORIGIN}, the legacy host. Since ${LEGACY_REDIRECT_SINCE} DataLens redirects it to ${PRODUCTION_ORIGIN}, so the iframe's origin is ${PRODUCTION_ORIGIN}: ` +
      `token updates posted with targetOrigin '${LEGACY_ORIGIN}/' are dropped by the browser, and the embed shows an expired token.`,
    hint: `Use ${moved} in the iframe src, post token updates with targetOrigin '${PRODUCTION_ORIGIN}', and allow ${PRODUCTION_ORIGIN} in your CSP frame-src.`,
  });
}
