import type { Embed, Params, PrecedenceRule } from '../types.js';

export interface ResolveParamsInput {
  embed: Pick<Embed, 'publicParamsMode' | 'unsignedParams' | 'privateParams'>;
  /** `token.params`. */
  signedParams: Params;
  /** `req.body.params`: whatever the client sent (link, dashboard defaults, selectors, widget defaults). */
  unsignedParams: Record<string, unknown> | undefined;
  rule: PrecedenceRule;
}

export interface ResolveParamsResult {
  params: Record<string, unknown>;
  /** The forbidden set passed to runners as `secureConfig.privateParams`, or null when none exists. */
  forbidden: string[] | null;
  rule: PrecedenceRule;
}

/** DataLens's `filterParams` (fact sheet §4). Pure: no I/O. */
export function resolveParams(input: ResolveParamsInput): ResolveParamsResult {
  const { embed, signedParams, unsignedParams, rule } = input;
  if (!unsignedParams || Object.keys(unsignedParams).length === 0) {
    return { params: { ...signedParams }, forbidden: null, rule };
  }
  const filtered: Record<string, unknown> = {};
  let forbidden: string[] | null = null;
  if (embed.publicParamsMode) {
    for (const [k, v] of Object.entries(unsignedParams)) if (embed.unsignedParams.includes(k)) filtered[k] = v;
  } else if (embed.privateParams.length === 0) {
    Object.assign(filtered, unsignedParams);
  } else {
    for (const [k, v] of Object.entries(unsignedParams)) if (!embed.privateParams.includes(k)) filtered[k] = v;
    forbidden = [...embed.privateParams];
  }
  if (rule === 'signed-wins') {
    if (forbidden) for (const k of Object.keys(signedParams)) if (!forbidden.includes(k)) forbidden.push(k);
    return { params: { ...filtered, ...signedParams }, forbidden, rule };
  }
  return { params: { ...signedParams, ...filtered }, forbidden, rule };
}
