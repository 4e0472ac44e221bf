// The explain trace (docs/params.md, "The explain trace"): for each param, every candidate value, the list verdict, the rule,
// the winner and a lock verdict in plain words. Pure, no Node imports.
import type { ParamValue, PrecedenceRule } from '../core/types.js';
import { LIST_VERDICT_TEXT, lockVerdict, type EmbedParamSettings, type ListVerdict } from './lists.js';
import { paramValueWarning } from '../tokens/param-values.js';

/** Where an unsigned value came from, as declared by the page (`req.body.paramSources`). */
export const PARAM_SOURCES = ['link', 'dashboard', 'selector', 'selector-default', 'chart-default'] as const;
export type ParamSource = (typeof PARAM_SOURCES)[number];

export function isParamSource(x: unknown): x is ParamSource {
  return typeof x === 'string' && (PARAM_SOURCES as readonly string[]).includes(x);
}

/**
 * `signed`: the token's `params`. `request`: an unsigned value whose source the page did not declare.
 * `chart-default` also names the chart's own defaults that the runner merges (input `chartDefaults`).
 */
export type CandidateSource = 'signed' | ParamSource | 'request';

/** A value the page considered but replaced before sending the request (e.g. a dashboard default under a link value). */
export interface ShadowedCandidate {
  source: ParamSource;
  value: ParamValue;
  /** The source that replaced it on the page. */
  by: ParamSource;
}

export type CandidateStatus = 'won' | 'overridden' | 'dropped' | 'shadowed';

export interface ParamCandidate {
  source: CandidateSource;
  value: unknown;
  status: CandidateStatus;
  /** Plain words: what happened to this value. */
  note: string;
}

export interface ParamTrace {
  name: string;
  candidates: ParamCandidate[];
  /** The list step's verdict on the unsigned value; null when no unsigned value was sent. */
  list: ListVerdict | null;
  rule: PrecedenceRule;
  /** Which candidate gave the effective value; null when the param ends up absent. */
  winner: CandidateSource | null;
  /** The effective value; null when the param ends up absent. */
  value: unknown;
  /** In the forbidden set passed to runners as `secureConfig.privateParams`, as DataLens does. */
  forbidden: boolean;
  lock: string;
  /** One sentence: why the winner won. */
  because: string;
  /** A value that is not a string or an array of strings: DataLens passes it on, its docs ask for strings. */
  warning?: string;
}

export type WinnerLayer = 'signed' | 'request' | 'default';

export interface TraceInput {
  name: string;
  embed: EmbedParamSettings;
  rule: PrecedenceRule;
  earlyReturn: boolean;
  signed: { value: unknown } | null;
  request: { value: unknown; source: CandidateSource; list: ListVerdict } | null;
  chartDefault: { value: unknown } | null;
  shadowed: ShadowedCandidate[];
  /** Which layer gave the effective value: token, request body, or the runner's chart defaults. */
  winner: WinnerLayer | null;
  value: unknown;
  forbidden: boolean;
}

const STEP1 = 'no unsigned params were sent, so DataLens returns a copy of the signed params (step 1 of the algorithm, docs/params.md)';

function becauseOf(t: TraceInput): string {
  const { signed, request, winner, rule } = t;
  const dropped = request && request.list !== 'kept' ? `the ${request.source} value was ${LIST_VERDICT_TEXT[request.list]}` : null;
  if (winner === 'signed') {
    if (t.earlyReturn) return `Signed value: ${STEP1}.`;
    if (dropped) return `Signed value: ${dropped}.`;
    if (request) return `Signed value: signed-wins writes the token params over the unsigned ones (step 4 of the algorithm, docs/params.md).`;
    return 'Signed value: no other value was sent for it.';
  }
  if (winner === 'default') {
    return `Chart default: ${dropped ?? 'nothing else set it'}; the runner merges the chart's defaults under the request params.`;
  }
  if (winner !== null) {
    if (signed && rule === 'unsigned-wins') return 'Unsigned value: under unsigned-wins (legacy) the signed params go first and the unsigned ones on top (docs/params.md, "Precedence rules").';
    return 'Unsigned value: kept by the list step and nothing signed competes with it.';
  }
  return dropped ? `Absent: ${dropped}, and nothing else sets it.` : 'Absent.';
}

function candidateNote(t: TraceInput, layer: WinnerLayer): string {
  if (layer === t.winner) return 'effective value';
  if (layer === 'signed') return 'overridden: unsigned-wins puts the unsigned value on top';
  if (layer === 'default') return 'overridden: chart defaults sit under the request params';
  return 'overridden: signed-wins writes the token value over it';
}

const sourceOf = (t: TraceInput, layer: WinnerLayer | null): CandidateSource | null =>
  layer === 'signed' ? 'signed' : layer === 'default' ? 'chart-default' : layer === 'request' ? (t.request?.source ?? 'request') : null;

/** The trace of one param. */
export function buildParamTrace(t: TraceInput): ParamTrace {
  const candidates: ParamCandidate[] = [];
  const status = (l: WinnerLayer): CandidateStatus => (l === t.winner ? 'won' : 'overridden');
  if (t.signed) candidates.push({ source: 'signed', value: t.signed.value, status: status('signed'), note: candidateNote(t, 'signed') });
  if (t.request) {
    const dropped = t.request.list !== 'kept';
    candidates.push({
      source: t.request.source,
      value: t.request.value,
      status: dropped ? 'dropped' : status('request'),
      note: dropped ? LIST_VERDICT_TEXT[t.request.list] : candidateNote(t, 'request'),
    });
  }
  if (t.chartDefault) {
    const won = t.winner === 'default';
    candidates.push({
      source: 'chart-default',
      value: t.chartDefault.value,
      status: won ? 'won' : 'overridden',
      note: won ? "effective value (the chart's own default, merged by the runner)" : 'overridden: chart defaults sit under the request params',
    });
  }
  for (const s of t.shadowed) {
    candidates.push({ source: s.source, value: s.value, status: 'shadowed', note: `replaced on the page by the ${s.by} value before the request` });
  }
  const warning = (t.signed && paramValueWarning('signed', t.name, t.signed.value)) || (t.request && paramValueWarning('unsigned', t.name, t.request.value)) || undefined;
  return {
    name: t.name,
    candidates,
    list: t.request ? t.request.list : null,
    rule: t.rule,
    winner: sourceOf(t, t.winner),
    value: t.winner === null ? null : t.value,
    forbidden: t.forbidden,
    lock: lockVerdict(t.name, t.embed, t.rule, t.signed !== null),
    because: becauseOf(t),
    ...(warning && { warning }),
  };
}
