import { describe, expect, it } from 'vitest';
import type { PrecedenceRule } from '../core/types.js';
import { resolveParams, type EmbedParamSettings, type ParamTrace, type ResolveParamsInput } from './engine.js';
import { lockVerdict } from './lists.js';

const ENABLE_ALL: EmbedParamSettings = { publicParamsMode: false, unsignedParams: [], privateParams: [] };
const DENY_REGION: EmbedParamSettings = { publicParamsMode: false, unsignedParams: [], privateParams: ['region'] };
const ALLOW_FROM: EmbedParamSettings = { publicParamsMode: true, unsignedParams: ['from'], privateParams: [] };
const ALLOW_REGION: EmbedParamSettings = { publicParamsMode: true, unsignedParams: ['region'], privateParams: [] };
const DISABLE_ALL_EMPTY: EmbedParamSettings = { publicParamsMode: true, unsignedParams: [], privateParams: [] };

function traceOf(input: Partial<ResolveParamsInput> & { rule: PrecedenceRule }, name: string): ParamTrace {
  const r = resolveParams({ embed: ENABLE_ALL, signedParams: {}, unsignedParams: undefined, ...input });
  const t = r.trace.find((x) => x.name === name);
  if (!t) throw new Error(`no trace for ${name}`);
  return t;
}

interface Row {
  name: string;
  input: Partial<ResolveParamsInput> & { rule: PrecedenceRule };
  param: string;
  winner: ParamTrace['winner'];
  value: unknown;
  list: ParamTrace['list'];
  statuses: string[];
  because: RegExp;
}

const rows: Row[] = [
  {
    name: 'early return: the signed value wins and the trace cites step 1 of the algorithm',
    input: { embed: DENY_REGION, signedParams: { region: 'north' }, rule: 'signed-wins' },
    param: 'region', winner: 'signed', value: 'north', list: null, statuses: ['signed:won'], because: /step 1/,
  },
  {
    name: 'signed-wins: a kept link value is overridden by the signed one',
    input: { signedParams: { region: 'north' }, unsignedParams: { region: 'south' }, sources: { region: 'link' }, rule: 'signed-wins' },
    param: 'region', winner: 'signed', value: 'north', list: 'kept', statuses: ['signed:won', 'link:overridden'], because: /step 4/,
  },
  {
    name: 'unsigned-wins: a kept link value overrides the signed one',
    input: { signedParams: { region: 'north' }, unsignedParams: { region: 'south' }, sources: { region: 'link' }, rule: 'unsigned-wins' },
    param: 'region', winner: 'link', value: 'south', list: 'kept', statuses: ['signed:overridden', 'link:won'], because: /unsigned-wins/,
  },
  {
    name: 'a value dropped by privateParams is marked dropped and the signed value stands',
    input: { embed: DENY_REGION, signedParams: { region: 'north' }, unsignedParams: { region: 'south' }, sources: { region: 'selector' }, rule: 'unsigned-wins' },
    param: 'region', winner: 'signed', value: 'north', list: 'dropped-private-params', statuses: ['signed:won', 'selector:dropped'], because: /privateParams/,
  },
  {
    name: 'a value not in the enabled list is marked dropped and the param is absent',
    input: { embed: ALLOW_FROM, unsignedParams: { region: 'south' }, rule: 'signed-wins' },
    param: 'region', winner: null, value: null, list: 'dropped-not-in-unsigned-params', statuses: ['request:dropped'], because: /not in unsignedParams/,
  },
  {
    name: 'Disable all with an empty list: the verdict names the empty list',
    input: { embed: DISABLE_ALL_EMPTY, unsignedParams: { from: 'a' }, sources: { from: 'link' }, rule: 'signed-wins' },
    param: 'from', winner: null, value: null, list: 'dropped-enabled-list-empty', statuses: ['link:dropped'], because: /empty enabled list/,
  },
  {
    name: 'a dropped value falls back to the chart default, which the trace names',
    input: { embed: DENY_REGION, unsignedParams: { region: 'south' }, chartDefaults: { region: 'all' }, rule: 'signed-wins' },
    param: 'region', winner: 'chart-default', value: 'all', list: 'dropped-private-params', statuses: ['request:dropped', 'chart-default:won'], because: /runner merges/,
  },
  {
    name: 'a kept value beats the chart default',
    input: { unsignedParams: { region: 'south' }, sources: { region: 'dashboard' }, chartDefaults: { region: 'all' }, rule: 'signed-wins' },
    param: 'region', winner: 'dashboard', value: 'south', list: 'kept', statuses: ['dashboard:won', 'chart-default:overridden'], because: /kept by the list step/,
  },
  {
    name: 'page-side losers are listed as shadowed candidates',
    input: {
      unsignedParams: { from: ['2022-01-01'] },
      sources: { from: 'link' },
      shadowed: { from: [{ source: 'dashboard', value: '2020-01-01', by: 'link' }] },
      rule: 'signed-wins',
    },
    param: 'from', winner: 'link', value: ['2022-01-01'], list: 'kept', statuses: ['link:won', 'dashboard:shadowed'], because: /kept/,
  },
  {
    name: 'an undeclared or unknown source is reported as "request"',
    input: { unsignedParams: { a: '1' }, sources: { a: 'carrier-pigeon' }, rule: 'signed-wins' },
    param: 'a', winner: 'request', value: '1', list: 'kept', statuses: ['request:won'], because: /kept/,
  },
];

describe('trace: candidates, list verdict, winner and reason per param', () => {
  it.each(rows)('$name', (row) => {
    const t = traceOf(row.input, row.param);
    expect(t.winner).toBe(row.winner);
    expect(t.value).toEqual(row.value);
    expect(t.list).toBe(row.list);
    expect(t.candidates.map((c) => `${c.source}:${c.status}`)).toEqual(row.statuses);
    expect(t.because).toMatch(row.because);
    expect(t.rule).toBe(row.input.rule);
  });

  it('marks forbidden names (privateParams ∪ signed keys under signed-wins)', () => {
    const r = resolveParams({ embed: DENY_REGION, signedParams: { org: '7' }, unsignedParams: { from: 'a' }, rule: 'signed-wins' });
    expect(r.trace.filter((t) => t.forbidden).map((t) => t.name)).toEqual(['org']);
    expect(r.forbidden).toEqual(['region', 'org']);
  });

  it('lists every name seen anywhere, sorted', () => {
    const r = resolveParams({ embed: ENABLE_ALL, signedParams: { z: '1' }, unsignedParams: { a: '1' }, chartDefaults: { m: '1' }, rule: 'signed-wins' });
    expect(r.trace.map((t) => t.name)).toEqual(['a', 'm', 'z']);
  });
});

describe('lock verdict in plain words', () => {
  const cases: { name: string; embed: EmbedParamSettings; rule: PrecedenceRule; signed: boolean; says: RegExp }[] = [
    { name: 'signed under signed-wins is locked whatever the lists', embed: ENABLE_ALL, rule: 'signed-wins', signed: true, says: /^locked: signed, and under signed-wins/ },
    { name: 'signed + privateParams under unsigned-wins is locked (the seed recommendation)', embed: DENY_REGION, rule: 'unsigned-wins', signed: true, says: /^locked: .*privateParams/ },
    { name: 'signed, Enable all, not deny-listed, under unsigned-wins is overridable', embed: ENABLE_ALL, rule: 'unsigned-wins', signed: true, says: /^signed, but overridable from the link under unsigned-wins unless listed in privateParams$/ },
    { name: 'signed, Disable all, not enabled, under unsigned-wins is locked', embed: ALLOW_FROM, rule: 'unsigned-wins', signed: true, says: /^locked: .*not in unsignedParams/ },
    { name: 'signed, Disable all, in the enabled list, under unsigned-wins is overridable', embed: ALLOW_REGION, rule: 'unsigned-wins', signed: true, says: /overridable .* in unsignedParams/ },
    { name: 'unsigned and deny-listed cannot be set from outside', embed: DENY_REGION, rule: 'signed-wins', signed: false, says: /^not settable from outside/ },
    { name: 'unsigned and allowed is open', embed: ENABLE_ALL, rule: 'unsigned-wins', signed: false, says: /^open/ },
  ];
  it.each(cases)('$name', (c) => {
    expect(lockVerdict('region', c.embed, c.rule, c.signed)).toMatch(c.says);
  });
});
