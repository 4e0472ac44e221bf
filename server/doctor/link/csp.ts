// A host page's Content-Security-Policy, read as the browser reads it for an <iframe> (CSP Level 3:
// frame-src, else child-src, else default-src): does it let the page frame today's embed host?
import { LEGACY_ORIGIN, PRODUCTION_ORIGIN } from '../../core/production.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';

/** The header name a user may paste along with the value. */
const HEADER = /^content-security-policy(?:-report-only)?\s*:\s*/i;

/** True when `text` is a CSP (the header line or its value) that governs frames or names a fetch directive. */
export function looksLikeCsp(text: string): boolean {
  if (HEADER.test(text)) return true;
  return /(^|;)\s*([a-z]+-src(-elem|-attr)?|frame-ancestors)(\s|;|$)/i.test(text) && !/[#?]dl_embed_token=/.test(text);
}

/** The directives of one policy, names in lower case; the first of a repeated name wins, as in browsers. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!out.has(key)) out.set(key, sources);
  }
  return out;
}

/** The directive that governs an <iframe>'s URL, and its sources; undefined when none does (all allowed). */
export function frameDirective(policy: string): { name: string; sources: string[] } | undefined {
  const d = directives(policy);
  for (const name of ['frame-src', 'child-src', 'default-src']) {
    const sources = d.get(name);
    if (sources) return { name, sources };
  }
  return undefined;
}

/** Does one source expression match `target` (an https URL)? The host page is taken to be served over https. */
export function sourceMatches(source: string, target: URL): boolean {
  const s = source.toLowerCase();
  if (s === '*') return target.protocol === 'https:' || target.protocol === 'http:';
  if (s.startsWith("'")) return false; // 'self' (the host page's own origin), 'none', nonces, hashes
  const scheme = /^([a-z][a-z0-9+.-]*):$/.exec(s);
  if (scheme) return scheme[1] === target.protocol.slice(0, -1) || (scheme[1] === 'http' && target.protocol === 'https:');
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+|\*)(?::(\d+|\*))?(\/.*)?$/.exec(s);
  if (!m) return false;
  const [, sch, wildcard, host, port, path] = m;
  if (sch && sch !== target.protocol.slice(0, -1) && !(sch === 'http' && target.protocol === 'https:')) return false;
  const hostname = target.hostname.toLowerCase();
  if (host === '*') {
    // `https://*`: any host.
  } else if (wildcard) {
    if (!hostname.endsWith(`.${host}`)) return false;
  } else if (hostname !== host) return false;
  const targetPort = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (port && port !== '*' && port !== targetPort) return false;
  if (!port && targetPort !== '443' && targetPort !== '80') return false;
  if (path && path !== '/') {
    // A path ending in "/" matches every path below it; otherwise the path itself.
    return path.endsWith('/') ? target.pathname.startsWith(path) : target.pathname === path;
  }
  return true;
}

/**
 * Checks the host page's policy (the header value, several policies joined with ","): each must let
 * an <iframe> load `https://datalens.ru/embeds/…`. A frame that still starts on the legacy host needs
 * both hosts: the browser checks the first URL and the one it is redirected to.
 */
export function checkFrameSrc(text: string, f: Findings, summary: Summary): void {
  const value = text.replace(HEADER, '').trim();
  const embed = new URL(`${PRODUCTION_ORIGIN}/embeds/dash`);
  const legacy = new URL(`${LEGACY_ORIGIN}/embeds/dash`);
  let governed = false;
  for (const policy of value.split(',')) {
    const directive = frameDirective(policy);
    if (!directive) continue;
    governed = true;
    summary.add('Frames allowed by', `${directive.name} ${directive.sources.join(' ') || "(empty: 'none')"}`);
    if (directive.sources.some((s) => sourceMatches(s, embed))) continue;
    const allowsLegacy = directive.sources.some((s) => sourceMatches(s, legacy));
    f.add('DLM-431', {
      path: directive.name,
      message:
        `The policy's ${directive.name} (${JSON.stringify(directive.sources.join(' ').slice(0, 200))}) does not allow ${PRODUCTION_ORIGIN}, so the browser refuses to load the embed in the iframe.` +
        (allowsLegacy ? ` It allows ${LEGACY_ORIGIN}, but production redirects embeds from there to ${PRODUCTION_ORIGIN}, and the redirect target is checked too.` : ''),
    });
  }
  if (!governed) summary.add('Frames allowed by', 'no frame-src, child-src or default-src: any');
}
