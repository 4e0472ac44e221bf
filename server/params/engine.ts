// DataLens's `filterParams` (docs/params.md, "The algorithm"), both precedence rules, plus the runner's chart
// defaults and an explain trace. Pure: no I/O, no Node imports (bundled for the browser page).
import type { Params, PrecedenceRule } from '../core/types.js';
import { listBranch, listVerdict, type EmbedParamSettings, type ListVerdict } from './lists.js';
import { buildParamTrace, isParamSource, type CandidateSource, type ParamTrace, type ShadowedCandidate, type WinnerLayer } from './trace.js';

export type { EmbedParamSettings, ListBranch, ListVerdict } from './lists.js';
export type { CandidateSource, ParamCandidate, ParamSource, ParamTrace, ShadowedCandidate } from './trace.js';

export interface ResolveParamsInput {
  embed: EmbedParamSettings;
  /** `token.params` (may be absent from a token). */
  signedParams: Params | Record<string, unknown> | undefined;
  /** `req.body.params`: whatever the client sent (link, dashboard defaults, selectors, widget defaults). */
  unsignedParams: Record<string, unknown> | undefined;
  rule: PrecedenceRule;
  /**
   * The chart's own default params. Not part of filterParams: the runner merges them *under* the
   * final request params (`Object.assign({}, defaults, params)` in the ChartsEngine processor), so
   * they are never filtered and lose to any signed or kept unsigned value.
   */
  chartDefaults?: Params;
  /** Where each unsigned value came from, as declared by the page. Trace only; unknown values are ignored. */
  sources?: Record<string, unknown>;
  /** Values the page replaced before sending (e.g. a dashboard default under a link value). Trace only. */
  shadowed?: Record<string, ShadowedCandidate[]>;
}

export interface ResolveParamsResult {
  /** The effective params: chart defaults, under the filtered unsigned params and the signed ones per `rule`. */
  params: Record<string, unknown>;
  /** The forbidden set passed to runners as `secureConfig.privateParams`, or null when none exists. */
  forbidden: string[] | null;
  rule: PrecedenceRule;
  /** True when no unsigned params were sent (step 1): the result is a copy of the signed params. */
  earlyReturn: boolean;
  /** The unsigned params that survived the list step (step 2). */
  filtered: Record<string, unknown>;
  /** One entry per param name seen anywhere, sorted by name. */
  trace: ParamTrace[];
}

interface FilterResult {
  filtered: Record<string, unknown>;
  verdicts: Map<string, ListVerdict>;
  forbidden: Set<string> | null;
}

/** Step 2: the four publicParamsMode × list branches. Only the deny-list branch creates a forbidden set. */
export function filterUnsigned(embed: EmbedParamSettings, unsigned: Record<string, unknown>): FilterResult {
  const verdicts = new Map<string, ListVerdict>();
  for (const k of Object.keys(unsigned)) verdicts.set(k, listVerdict(k, embed));
  // fromEntries defines own properties, so a param named `__proto__` stays a plain param.
  const filtered = Object.fromEntries(Object.entries(unsigned).filter(([k]) => verdicts.get(k) === 'kept'));
  const forbidden = listBranch(embed) === 'deny-list' ? new Set(embed.privateParams) : null;
  return { filtered, verdicts, forbidden };
}

export function resolveParams(input: ResolveParamsInput): ResolveParamsResult {
  const { embed, rule } = input;
  const signed: Record<string, unknown> = input.signedParams ?? {};
  const unsigned = input.unsignedParams ?? {};
  const defaults: Record<string, unknown> = input.chartDefaults ?? {};
  const layer = new Map<string, WinnerLayer>();
  let merged: Record<string, unknown>;
  let forbidden: Set<string> | null = null;
  let verdicts = new Map<string, ListVerdict>();
  let filtered: Record<string, unknown> = {};

  // Step 1: early return with a copy of the signed params; no forbidden set.
  const earlyReturn = Object.keys(unsigned).length === 0;
  if (earlyReturn) {
    merged = { ...signed };
    for (const k of Object.keys(signed)) layer.set(k, 'signed');
  } else {
    ({ filtered, verdicts, forbidden } = filterUnsigned(embed, unsigned));
    // Step 3: signed keys join the forbidden set, only when one exists. The legacy rule (mid-2025)
    // predates this, so under unsigned-wins the set stays privateParams only.
    if (forbidden && rule === 'signed-wins') for (const k of Object.keys(signed)) forbidden.add(k);
    // Step 4: signed written over unsigned; legacy: signed first, unsigned on top.
    const [under, over] = rule === 'signed-wins' ? [filtered, signed] : [signed, filtered];
    const [underLayer, overLayer]: WinnerLayer[] = rule === 'signed-wins' ? ['request', 'signed'] : ['signed', 'request'];
    merged = { ...under, ...over };
    for (const k of Object.keys(under)) layer.set(k, underLayer);
    for (const k of Object.keys(over)) layer.set(k, overLayer);
  }
  // The runner merges the chart's own defaults under the request params (see `chartDefaults`).
  const params: Record<string, unknown> = { ...defaults, ...merged };
  for (const k of Object.keys(defaults)) if (!has(merged, k)) layer.set(k, 'default');

  const names = [...new Set([...Object.keys(signed), ...Object.keys(unsigned), ...Object.keys(defaults), ...Object.keys(input.shadowed ?? {})])].sort();
  const trace = names.map((name) =>
    buildParamTrace({
      name,
      embed,
      rule,
      earlyReturn,
      signed: has(signed, name) ? { value: signed[name] } : null,
      request: has(unsigned, name) ? { value: unsigned[name], source: sourceOf(input.sources, name), list: verdicts.get(name) ?? 'kept' } : null,
      chartDefault: has(defaults, name) ? { value: defaults[name] } : null,
      shadowed: (has(input.shadowed ?? {}, name) && input.shadowed?.[name]) || [],
      winner: layer.get(name) ?? null,
      value: params[name],
      forbidden: forbidden?.has(name) ?? false,
    }),
  );
  return { params, forbidden: forbidden ? [...forbidden] : null, rule, earlyReturn, filtered, trace };
}

const has = (o: object, k: string) => Object.hasOwn(o, k);

function sourceOf(sources: Record<string, unknown> | undefined, name: string): CandidateSource {
  const s = sources && typeof sources === 'object' && has(sources, name) ? sources[name] : undefined;
  return isParamSource(s) ? s : 'request';
}
