import { EMBED_TOKEN_KEY, tokenFromHash } from '../../links/embed-link.js';
import type { Findings } from '../findings.js';
import { didYouMean } from '../similar.js';

/** A pasted embed link, split the way the embed page reads it (docs/fidelity.md, "Request flow"). */
export interface EmbedLink {
  /** Which embed page the path opens, or null when it opens neither. */
  page: 'chart' | 'dash' | null;
  pathname: string;
  /** The query string with its '?', as `location.search`. */
  search: string;
  query: URLSearchParams;
  /** The fragment without its '#'. */
  hash: string;
}

const PAGES = ['/embeds/chart', '/embeds/dash'];
const looksLikeJwt = (v: string) => /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/.test(v.trim());

/** Parses the link (a relative one too) and checks that it opens an embed page. */
export function parseLink(text: string, f: Findings): EmbedLink {
  const url = new URL(text, 'http://datalens.invalid');
  const pathname = url.pathname.replace(/\/+$/, '') || '/';
  // An emulator namespace serves the same pages under /_ns/<name> (the test kit's isolation).
  const page = /^(\/_ns\/[^/]+)?\/embeds\/chart$/.test(pathname) ? 'chart' : /^(\/_ns\/[^/]+)?\/embeds\/dash$/.test(pathname) ? 'dash' : null;
  if (!page) {
    const near = didYouMean(pathname, PAGES, 6);
    f.add('DLM-401', {
      path: 'path',
      message: `The link opens ${JSON.stringify(url.pathname)}, not /embeds/chart or /embeds/dash.${near ? ` Did you mean ${near}?` : ''}`,
    });
  }
  return { page, pathname, search: url.search, query: url.searchParams, hash: url.hash.replace(/^#/, '') };
}

/**
 * Where the token is: after the hash as `dl_embed_token=` (right), in the query string (leaks),
 * under a misspelt key or bare (the page finds nothing). Also reports params after the hash.
 * Returns the token the checks continue with, if any, and whether the page itself would find it.
 */
export function locateToken(link: EmbedLink, f: Findings): { token?: string; readByPage: boolean } {
  const hashParams = new URLSearchParams(link.hash);
  let hashToken = tokenFromHash(`#${link.hash}`);
  const queryToken = link.query.get(EMBED_TOKEN_KEY)?.trim() || undefined;
  let used: string | undefined = hashToken ? EMBED_TOKEN_KEY : undefined;

  if (hashToken.includes('?')) {
    const glued = hashToken.slice(hashToken.indexOf('?'));
    hashToken = hashToken.slice(0, hashToken.indexOf('?'));
    f.add('DLM-406', {
      path: 'hash',
      severity: 'error',
      message: `The query string "${glued.slice(0, 60)}" comes after the hash and is glued to the token: the page reads it as part of the token, so the signature breaks and the params are ignored.`,
    });
  }
  let token: string | undefined = hashToken || undefined;
  if (token && queryToken) {
    f.add('DLM-404', {
      path: `query.${EMBED_TOKEN_KEY}`,
      severity: 'warning',
      message: 'The token is in the hash and also in the query string, where it leaks into server and proxy logs (the page uses the one in the hash).',
    });
  } else if (!token && queryToken) {
    f.add('DLM-404', { path: `query.${EMBED_TOKEN_KEY}` });
    token = queryToken;
  } else if (!token) {
    const candidates = [...hashParams.entries(), ...link.query.entries()];
    const misnamed = candidates.find(([k, v]) => k !== EMBED_TOKEN_KEY && (looksLikeJwt(v) || didYouMean(k, [EMBED_TOKEN_KEY], 4)));
    if (misnamed) {
      const where = hashParams.has(misnamed[0]) ? 'hash' : 'query string';
      f.add('DLM-405', {
        path: `${where === 'hash' ? 'hash' : 'query'}.${misnamed[0]}`,
        message: `The ${where} has "${misnamed[0]}=…"; the page looks only for dl_embed_token${where === 'hash' ? '' : ' after the hash (and a token in the query string leaks into logs)'}. Did you mean "#${EMBED_TOKEN_KEY}=…"?`,
      });
      token = misnamed[1].trim() || undefined;
      used = misnamed[0];
    } else if (looksLikeJwt(link.hash)) {
      f.add('DLM-405', { path: 'hash', message: 'The hash holds a bare token; the page looks for #dl_embed_token=<token>.' });
      token = link.hash.trim();
      used = '';
    } else {
      const message = hashParams.has(EMBED_TOKEN_KEY)
        ? 'dl_embed_token is empty: the token was not filled into the link.'
        : link.hash
          ? `The hash "#${link.hash.slice(0, 40)}" holds no dl_embed_token.`
          : 'The link has no hash, so no token.';
      f.add('DLM-403', { path: 'hash', message });
    }
  }
  for (const key of new Set(hashParams.keys())) {
    if (key === used || key === EMBED_TOKEN_KEY || used === '') continue;
    f.add('DLM-406', { path: `hash.${key}`, message: `"${key}" is after the hash, where the page ignores it.` });
  }
  return { token, readByPage: used === EMBED_TOKEN_KEY && token !== undefined };
}
