import { readDisplayOptions, type DisplayPage } from '../../links/display-options.js';
import { EMBED_TOKEN_KEY, embedPage } from '../../links/embed-link.js';
import { LIST_VERDICT_TEXT, URL_OPTIONS, listVerdict, readChartLink, readDashLink, resolveParams } from '../../params/index.js';
import type { DashEntry, Embed, Params } from '../../core/types.js';
import type { DoctorEnv } from '../env.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';
import { suggestion } from '../similar.js';
import type { TokenResult } from '../token/index.js';
import type { EmbedLink } from './locate.js';

/** Query keys that are not unsigned params: the token itself and DataLens URL options (display options among them). */
const NOT_PARAMS = new Set([EMBED_TOKEN_KEY, ...URL_OPTIONS]);

const DISPLAY_CODE = { invalid: 'DLM-420', raised: 'DLM-421', 'other-page': 'DLM-422' } as const;

/** Display options (`_theme`, `_autoupdate`, …) against their valid values; never counted as params. */
function checkDisplayOptions(query: URLSearchParams, page: DisplayPage, f: Findings, summary: Summary): void {
  const { options, problems } = readDisplayOptions(query, page);
  for (const p of problems) f.add(DISPLAY_CODE[p.kind], { path: `query.${p.name}`, message: p.message });
  const used = Object.entries(options).map(([k, v]) => `${k}=${String(v)}`);
  if (used.length) summary.add('Display options', used.join('  '));
}

/** One unsigned link param through the embed's list step and the precedence rule (docs/params.md). */
function checkParam(name: string, embed: Embed, signed: Params, env: DoctorEnv, f: Findings): void {
  const path = `query.${name}`;
  const verdict = listVerdict(name, embed);
  if (verdict !== 'kept' && name in signed) {
    // Signed and locked (a tenant id such as org_id): the link copy is what is wrong, not the settings.
    f.add('DLM-407', {
      path,
      message: `"${name}" from the link is ${LIST_VERDICT_TEXT[verdict]}. It is also signed in the token as ${JSON.stringify(signed[name])?.slice(0, 100)}, and that signed value is the one used: the embed keeps "${name}" private.`,
      hint: `Remove "${name}" from the link: the signed value wins and the embed keeps it private, which is what a tenant or user id needs. Do not allow it in the embed settings: that would let a link value compete with the signed one (under the legacy unsigned-wins rule it would replace it).`,
    });
  } else if (verdict !== 'kept') {
    f.add('DLM-407', { path, message: `"${name}" from the link is ${LIST_VERDICT_TEXT[verdict]}.` });
  } else if (name in signed) {
    if (env.rule === 'signed-wins') {
      f.add('DLM-408', {
        path,
        message: `"${name}" is signed in the token as ${JSON.stringify(signed[name])}; under signed-wins that value is used and the link value is ignored.`,
      });
    } else {
      f.add('DLM-412', { path, message: `"${name}" from the link replaces the signed value ${JSON.stringify(signed[name])}: the rule in force is unsigned-wins.` });
    }
  }
}

/**
 * Dashboard link keys, read as the page reads them (readDashLink; DataLens docs, "Things to
 * consider"): `state` is not accepted, `tab` must name a tab, and only params declared in
 * `settings.globalParams` are read. Returns the declared params, which go on to the list step.
 */
function checkDashKeys(query: URLSearchParams, keys: string[], dash: DashEntry | undefined, f: Findings): string[] {
  if (!dash) {
    if (keys.includes('state')) f.add('DLM-410', { path: 'query.state' });
    return [];
  }
  const read = readDashLink(query, dash.data);
  const declared = Object.keys(dash.data.settings.globalParams ?? {});
  for (const { name } of read.ignored) {
    if (name === 'state') f.add('DLM-410', { path: 'query.state' });
    else if (name === 'tab') {
      const ids = dash.data.tabs.map((t) => t.id);
      f.add('DLM-411', {
        path: 'query.tab',
        message: `tab=${JSON.stringify(read.requestedTab)} is not a tab of dashboard ${dash.entryId} (its tabs: ${ids.map((i) => `"${i}"`).join(', ')}); the first tab opens.${suggestion(read.requestedTab ?? '', ids)}`,
      });
    } else if (!NOT_PARAMS.has(name)) {
      f.add('DLM-409', {
        path: `query.${name}`,
        message: `"${name}" is not a parameter in the dashboard's settings (it declares ${declared.length ? declared.map((d) => `"${d}"`).join(', ') : 'none'}), so the dashboard ignores it.${suggestion(name, declared)}`,
      });
    }
  }
  return Object.keys(read.params);
}

/**
 * The link against the embed: the page against the entry type, then every unsigned param
 * through the dashboard's rules, the list step and the precedence rule. Without a server, only
 * what the link alone tells (the dashboard's `state`).
 */
export function checkLinkParams(link: EmbedLink, tok: TokenResult, env: DoctorEnv, f: Findings, summary: Summary): void {
  const { entry, info } = tok;
  if (link.page && entry) {
    const wanted = embedPage(entry.scope);
    if (link.page !== wanted) {
      f.add('DLM-402', {
        path: 'path',
        message: `The token is for a ${wanted === 'dash' ? 'dashboard' : 'chart'} (${entry.entryId} "${entry.title}"), but the link opens /embeds/${link.page}; DataLens answers 400 "Invalid token".`,
        hint: `Open it with /embeds/${wanted}.`,
      });
    }
  }
  const query = new URLSearchParams(link.search);
  query.delete(EMBED_TOKEN_KEY);
  const keys = [...new Set(query.keys())].filter((k) => !NOT_PARAMS.has(k));
  if (keys.length) summary.add('Link params', keys.map((k) => `${k}=${query.getAll(k).join(',')}`).join('  '));
  const page = entry ? embedPage(entry.scope) : link.page;
  // The options are read by the page the link opens, whatever the token is for.
  const shown = link.page ?? page;
  if (shown) checkDisplayOptions(query, shown, f, summary);
  const dash = entry?.scope === 'dash' ? entry : undefined;
  const params = page === 'dash' ? checkDashKeys(query, keys, dash, f) : keys;
  if (!info) return;
  for (const name of params) checkParam(name, info.embed, tok.signedParams, env, f);
  const unsigned = dash ? readDashLink(query, dash.data).params : readChartLink(query).params;
  const effective = resolveParams({ embed: info.embed, signedParams: tok.signedParams, unsignedParams: unsigned, rule: env.rule });
  summary.add('Effective params', `${JSON.stringify(effective.params)} (link and token under ${env.rule}, before dashboard and chart defaults)`);
}
