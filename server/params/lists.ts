// Step 2 of DataLens's filterParams (docs/params.md, step 2): which embed list applies and what it does to
// one unsigned param name. Pure, no Node imports (bundled for the browser page).
import type { Embed, PrecedenceRule } from '../core/types.js';

/** The three embed fields the parameter engine reads (naming trap explained in server/core/types.ts). */
export type EmbedParamSettings = Pick<Embed, 'publicParamsMode' | 'unsignedParams' | 'privateParams'>;

/**
 * The four publicParamsMode × list branches of step 2:
 * - `allow-list`: "Disable all" with an enabled list (`unsignedParams`): keep only those.
 * - `enable-all`: "Enable all" without a disabled list: keep everything.
 * - `deny-list`: "Enable all" with a disabled list (`privateParams`): drop those. Only this branch
 *   creates a forbidden set.
 * - `disable-all-empty`: "Disable all" with an empty enabled list: no branch of the real code
 *   matches, so every unsigned param is dropped.
 */
export type ListBranch = 'allow-list' | 'enable-all' | 'deny-list' | 'disable-all-empty';

/** What the list step does to one unsigned param. */
export type ListVerdict = 'kept' | 'dropped-private-params' | 'dropped-not-in-unsigned-params' | 'dropped-enabled-list-empty';

export const LIST_VERDICT_TEXT: Record<ListVerdict, string> = {
  kept: 'kept by the list step',
  'dropped-private-params': 'dropped: listed in privateParams (the "Enable all" disabled list)',
  'dropped-not-in-unsigned-params': 'dropped: not in unsignedParams (the "Disable all" enabled list)',
  'dropped-enabled-list-empty': 'dropped: "Disable all" with an empty enabled list drops every unsigned param',
};

/** Short reasons, for use inside a sentence. */
export const LIST_VERDICT_SHORT: Record<ListVerdict, string> = {
  kept: 'kept',
  'dropped-private-params': 'it is listed in privateParams',
  'dropped-not-in-unsigned-params': 'it is not in unsignedParams',
  'dropped-enabled-list-empty': '"Disable all" has an empty enabled list',
};

export function listBranch(embed: EmbedParamSettings): ListBranch {
  const allow = embed.unsignedParams ?? [];
  const deny = embed.privateParams ?? [];
  if (embed.publicParamsMode) return allow.length > 0 ? 'allow-list' : 'disable-all-empty';
  return deny.length > 0 ? 'deny-list' : 'enable-all';
}

export function listVerdict(name: string, embed: EmbedParamSettings): ListVerdict {
  switch (listBranch(embed)) {
    case 'allow-list':
      return (embed.unsignedParams ?? []).includes(name) ? 'kept' : 'dropped-not-in-unsigned-params';
    case 'enable-all':
      return 'kept';
    case 'deny-list':
      return (embed.privateParams ?? []).includes(name) ? 'dropped-private-params' : 'kept';
    case 'disable-all-empty':
      return 'dropped-enabled-list-empty';
  }
}

/** The embed's list settings in DataLens UI words, e.g. `Enable all, disabled list [region]`. */
export function describeLists(embed: EmbedParamSettings): string {
  const list = (xs: string[] | undefined) => `[${(xs ?? []).join(', ')}]`;
  switch (listBranch(embed)) {
    case 'allow-list':
      return `Disable all (publicParamsMode=true), enabled list unsignedParams=${list(embed.unsignedParams)}`;
    case 'disable-all-empty':
      return 'Disable all (publicParamsMode=true) with an empty enabled list: every unsigned param is dropped';
    case 'deny-list':
      return `Enable all (publicParamsMode=false), disabled list privateParams=${list(embed.privateParams)}`;
    case 'enable-all':
      return 'Enable all (publicParamsMode=false) with no disabled list: every unsigned param is kept';
  }
}

/**
 * Can a value for `name` be changed from outside the token (link, dashboard, selector)? Plain words
 * for the trace (its `lock` field). `signed` says whether the token carries the param.
 */
export function lockVerdict(name: string, embed: EmbedParamSettings, rule: PrecedenceRule, signed: boolean): string {
  const verdict = listVerdict(name, embed);
  const why = LIST_VERDICT_SHORT[verdict];
  if (signed && rule === 'signed-wins') {
    return 'locked: signed, and under signed-wins the token value is written over any link, dashboard or selector value';
  }
  if (signed && verdict !== 'kept') {
    return `locked: signed, and the link cannot override it because its unsigned values are dropped (${why})`;
  }
  if (signed) {
    return embed.publicParamsMode
      ? 'signed, but overridable from the link under unsigned-wins because it is in unsignedParams (remove it from the enabled list to lock it)'
      : 'signed, but overridable from the link under unsigned-wins unless listed in privateParams';
  }
  if (verdict !== 'kept') {
    return `not settable from outside: its unsigned values are dropped (${why}); only a signed value or the chart's default can set it`;
  }
  return 'open: not signed, so any link, dashboard or selector value is used (sign it to lock it)';
}
