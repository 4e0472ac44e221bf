// Evaluates a repro under both precedence rules. Pure: the CLI reads the file.
import type { DashControlItem, Params, PrecedenceRule } from '../core/types.js';
import { controlVerdict, isControlDisabled } from './dash.js';
import { composeDashParams, readChartLink, readDashLink, type IgnoredLinkParam } from './dash-link.js';
import { resolveParams, type ParamTrace } from './engine.js';
import { paramsDiff } from './expect-params.js';
import { describeLists } from './lists.js';
import { reproQuery, type Repro, type ReproExpectation } from './repro.js';

export const RULES: readonly PrecedenceRule[] = ['signed-wins', 'unsigned-wins'];

export interface SelectorOutcome {
  id: string;
  param: string;
  disabled: boolean;
  because: string;
  /** What the selector shows: empty when disabled. */
  value: unknown;
}

export interface RuleOutcome {
  rule: PrecedenceRule;
  /** What the page sends as `params` under this rule (a disabled selector cannot be picked). */
  sent: Record<string, unknown>;
  params: Record<string, unknown>;
  forbidden: string[] | null;
  earlyReturn: boolean;
  trace: ParamTrace[];
  selectors: SelectorOutcome[];
  notes: string[];
}

export interface ExpectationResult {
  rule: PrecedenceRule;
  ok: boolean;
  failures: string[];
}

export interface ExplainReport {
  title: string;
  about?: string;
  kind: 'chart' | 'dash';
  lists: string;
  signedParams: Record<string, unknown>;
  tab?: { id: string; requested: string | null; fallback: boolean };
  ignored: IgnoredLinkParam[];
  outcomes: Record<PrecedenceRule, RuleOutcome>;
  /** Param names whose effective value differs between the rules, then `selector:<id>` for selectors. */
  differences: string[];
  expectations: ExpectationResult[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function chartOutcome(r: Repro, rule: PrecedenceRule, link: ReturnType<typeof readChartLink>): RuleOutcome {
  const res = resolveParams({ embed: r.embed, signedParams: r.token.params, unsignedParams: link.params, rule, chartDefaults: r.chartDefaults, sources: link.sources });
  return { rule, sent: link.params, params: res.params, forbidden: res.forbidden, earlyReturn: res.earlyReturn, trace: res.trace, selectors: [], notes: [] };
}

function dashOutcome(r: Repro, rule: PrecedenceRule, link: ReturnType<typeof readDashLink>): RuleOutcome {
  const dash = r.dash!;
  const tab = link.tab ?? { id: '', title: '', items: [] };
  const controls = tab.items.filter((i): i is DashControlItem => i.type === 'control');
  const verdicts = controls.map((c) => ({ c, v: isControlDisabled(c, tab, r.embed, r.token.params, rule) }));
  const notes: string[] = [];
  const picked: Params = { ...(r.selectors ?? {}) };
  for (const { c, v } of verdicts) {
    if (v.disabled && Object.hasOwn(picked, c.param)) {
      delete picked[c.param];
      notes.push(`selector ${c.id} is disabled, so the viewer cannot pick "${c.param}"; the picked value is not sent`);
    }
  }
  const run = () => {
    const composed = composeDashParams({ dash: { settings: dash.settings, tabs: dash.tabs }, tab, link: link.params, selectors: picked, widgetDefaults: r.chartDefaults });
    return { composed, res: resolveParams({ embed: r.embed, signedParams: r.token.params, unsignedParams: composed.params, rule, sources: composed.sources, shadowed: composed.shadowed }) };
  };
  let { composed, res } = run();
  // DataLens's second path needs the request's forbidden set: a selector it disables cannot be picked either.
  const final = controls.map((c) => ({ c, v: controlVerdict(res.forbidden, c, tab, r.embed, r.token.params, rule) }));
  const late = final.filter(({ c, v }) => v.disabled && Object.hasOwn(picked, c.param));
  for (const { c } of late) {
    delete picked[c.param];
    notes.push(`selector ${c.id} is disabled by the request's forbidden set, so the viewer cannot pick "${c.param}"; the picked value is not sent`);
  }
  if (late.length) ({ composed, res } = run());
  for (const { c, v } of final) if (v.throws) notes.push(`selector ${c.id}: DataLens answers 500 here, ${v.because}; give the tab an aliases object`);
  const selectors = final.map(({ c, v }) => ({ id: c.id, param: c.param, disabled: v.disabled, because: v.because, value: v.disabled ? '' : (res.params[c.param] ?? '') }));
  return { rule, sent: composed.params, params: res.params, forbidden: res.forbidden, earlyReturn: res.earlyReturn, trace: res.trace, selectors, notes };
}

function check(o: RuleOutcome, e: ReproExpectation | undefined): ExpectationResult | null {
  if (!e) return null;
  const failures: string[] = [];
  if (e.params) failures.push(...paramsDiff(e.params, o.params, 'exact'));
  if (e.paramsInclude) failures.push(...paramsDiff(e.paramsInclude, o.params, 'subset'));
  if (e.forbidden !== undefined) {
    const got = o.forbidden ? [...o.forbidden].sort() : null;
    const want = e.forbidden ? [...e.forbidden].sort() : null;
    if (!same(got, want)) failures.push(`forbidden: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  if (e.disabledSelectors) {
    const got = o.selectors.filter((s) => s.disabled).map((s) => s.id).sort();
    if (!same(got, [...e.disabledSelectors].sort())) failures.push(`disabledSelectors: expected ${JSON.stringify(e.disabledSelectors)}, got ${JSON.stringify(got)}`);
  }
  return { rule: o.rule, ok: failures.length === 0, failures };
}

export function explainRepro(r: Repro): ExplainReport {
  const query = reproQuery(r);
  const outcomes = {} as Record<PrecedenceRule, RuleOutcome>;
  let ignored: IgnoredLinkParam[];
  let tab: ExplainReport['tab'];
  if (r.dash) {
    const link = readDashLink(query, { settings: r.dash.settings, tabs: r.dash.tabs });
    ignored = link.ignored;
    tab = { id: link.tab?.id ?? '', requested: link.requestedTab, fallback: link.tabFallback };
    for (const rule of RULES) outcomes[rule] = dashOutcome(r, rule, link);
  } else {
    const link = readChartLink(query);
    ignored = link.ignored;
    for (const rule of RULES) outcomes[rule] = chartOutcome(r, rule, link);
  }
  const [a, b] = [outcomes['signed-wins'], outcomes['unsigned-wins']];
  const names = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  const differences = names.filter((n) => !same(a.params[n], b.params[n]));
  a.selectors.forEach((s, i) => {
    if (s.disabled !== b.selectors[i]?.disabled || !same(s.value, b.selectors[i]?.value)) differences.push(`selector:${s.id}`);
  });
  const expectations = RULES.map((rule) => check(outcomes[rule], r.expect?.[rule])).filter((x): x is ExpectationResult => x !== null);
  return {
    title: r.title,
    about: r.about,
    kind: r.dash ? 'dash' : 'chart',
    lists: describeLists(r.embed),
    signedParams: r.token.params,
    tab,
    ignored,
    outcomes,
    differences,
    expectations,
  };
}
