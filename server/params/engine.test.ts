import { describe, expect, it } from 'vitest';
import type { PrecedenceRule } from '../core/types.js';
import { resolveParams, type EmbedParamSettings } from './engine.js';

// Embed list settings, in DataLens UI words (docs/params.md, step 2).
const ENABLE_ALL: EmbedParamSettings = { publicParamsMode: false, unsignedParams: [], privateParams: [] };
const DENY_REGION: EmbedParamSettings = { publicParamsMode: false, unsignedParams: [], privateParams: ['region'] };
const ALLOW_FROM_TO: EmbedParamSettings = { publicParamsMode: true, unsignedParams: ['from', 'to'], privateParams: [] };
const DISABLE_ALL_EMPTY: EmbedParamSettings = { publicParamsMode: true, unsignedParams: [], privateParams: [] };

const SW: PrecedenceRule = 'signed-wins';
const UW: PrecedenceRule = 'unsigned-wins';

interface Row {
  name: string;
  embed: EmbedParamSettings;
  signed?: Record<string, unknown>;
  unsigned?: Record<string, unknown>;
  rule: PrecedenceRule;
  params: Record<string, unknown>;
  forbidden: string[] | null;
}

const rows: Row[] = [
  // Step 1: early return.
  { name: 'missing unsigned params return a copy of the signed params, no forbidden set (signed-wins)', embed: DENY_REGION, signed: { region: 'north' }, rule: SW, params: { region: 'north' }, forbidden: null },
  { name: 'missing unsigned params return a copy of the signed params, no forbidden set (unsigned-wins)', embed: DENY_REGION, signed: { region: 'north' }, rule: UW, params: { region: 'north' }, forbidden: null },
  { name: 'an empty unsigned object is the early return too, even with a deny-list', embed: DENY_REGION, signed: { region: 'north' }, unsigned: {}, rule: SW, params: { region: 'north' }, forbidden: null },
  { name: 'no signed and no unsigned params give empty params', embed: ENABLE_ALL, rule: SW, params: {}, forbidden: null },
  { name: 'a key with an undefined value is not empty: no early return', embed: DENY_REGION, signed: { region: 'north' }, unsigned: { x: undefined }, rule: SW, params: { x: undefined, region: 'north' }, forbidden: ['region'] },

  // Step 2, branch "Enable all" without a disabled list.
  { name: 'Enable all, no list: every unsigned param is kept (signed-wins)', embed: ENABLE_ALL, unsigned: { from: '2022-01-01', to: '2023-02-05' }, rule: SW, params: { from: '2022-01-01', to: '2023-02-05' }, forbidden: null },
  { name: 'Enable all, no list: signed wins a name clash, no forbidden set (signed-wins)', embed: ENABLE_ALL, signed: { region: 'north' }, unsigned: { region: 'south', from: 'a' }, rule: SW, params: { region: 'north', from: 'a' }, forbidden: null },
  { name: 'Enable all, no list: the link overrides a signed param (unsigned-wins)', embed: ENABLE_ALL, signed: { region: 'north' }, unsigned: { region: 'south' }, rule: UW, params: { region: 'south' }, forbidden: null },
  { name: 'Enable all ignores unsignedParams (the Disable-all list)', embed: { publicParamsMode: false, unsignedParams: ['from'], privateParams: [] }, unsigned: { from: 'a', to: 'b' }, rule: SW, params: { from: 'a', to: 'b' }, forbidden: null },

  // Step 2, branch "Enable all" with a disabled list; step 3.
  { name: 'Enable all + privateParams: listed params are dropped (signed-wins)', embed: DENY_REGION, unsigned: { region: 'south', from: 'a' }, rule: SW, params: { from: 'a' }, forbidden: ['region'] },
  { name: 'Enable all + privateParams: forbidden set = privateParams ∪ signed keys (signed-wins)', embed: DENY_REGION, signed: { region: 'north', org: '7' }, unsigned: { region: 'south', org: '8', from: 'a' }, rule: SW, params: { from: 'a', region: 'north', org: '7' }, forbidden: ['region', 'org'] },
  { name: 'Enable all + privateParams: signed keys are not forbidden and unsigned wins unlisted names (unsigned-wins)', embed: DENY_REGION, signed: { region: 'north', org: '7' }, unsigned: { region: 'south', org: '8' }, rule: UW, params: { region: 'north', org: '8' }, forbidden: ['region'] },
  { name: 'a signed key already in privateParams appears once in the forbidden set', embed: DENY_REGION, signed: { region: 'north' }, unsigned: { from: 'a' }, rule: SW, params: { from: 'a', region: 'north' }, forbidden: ['region'] },
  { name: 'an alias of a private param is not filtered (filterParams does not expand aliases)', embed: DENY_REGION, unsigned: { region_code: 'S' }, rule: SW, params: { region_code: 'S' }, forbidden: ['region'] },

  // Step 2, branch "Disable all" with an enabled list.
  { name: 'Disable all + unsignedParams: only listed params are kept (signed-wins)', embed: ALLOW_FROM_TO, unsigned: { from: 'a', region: 'south' }, rule: SW, params: { from: 'a' }, forbidden: null },
  { name: 'Disable all + unsignedParams: a signed param not listed cannot be overridden (unsigned-wins)', embed: ALLOW_FROM_TO, signed: { region: 'north' }, unsigned: { region: 'south', to: 'b' }, rule: UW, params: { region: 'north', to: 'b' }, forbidden: null },
  { name: 'Disable all + unsignedParams: a listed signed param is overridden from the link (unsigned-wins)', embed: { publicParamsMode: true, unsignedParams: ['region'], privateParams: [] }, signed: { region: 'north' }, unsigned: { region: 'south' }, rule: UW, params: { region: 'south' }, forbidden: null },
  { name: 'Disable all + unsignedParams: a listed signed param still wins (signed-wins)', embed: { publicParamsMode: true, unsignedParams: ['region'], privateParams: [] }, signed: { region: 'north' }, unsigned: { region: 'south' }, rule: SW, params: { region: 'north' }, forbidden: null },
  { name: 'Disable all ignores privateParams (the Enable-all list)', embed: { publicParamsMode: true, unsignedParams: ['region'], privateParams: ['region'] }, unsigned: { region: 'south' }, rule: SW, params: { region: 'south' }, forbidden: null },

  // Step 2, "Disable all" with an empty enabled list: no branch matches.
  { name: 'Disable all with an empty list drops every unsigned param (signed-wins)', embed: DISABLE_ALL_EMPTY, signed: { region: 'north' }, unsigned: { from: 'a', region: 'south' }, rule: SW, params: { region: 'north' }, forbidden: null },
  { name: 'Disable all with an empty list drops every unsigned param (unsigned-wins)', embed: DISABLE_ALL_EMPTY, signed: { region: 'north' }, unsigned: { from: 'a', region: 'south' }, rule: UW, params: { region: 'north' }, forbidden: null },

  // Values pass through unchanged (no stringifying since July 2025).
  { name: 'array and non-string values pass through unchanged', embed: ENABLE_ALL, signed: { ids: ['1', '2'] }, unsigned: { n: 5, ids: [''] }, rule: SW, params: { n: 5, ids: ['1', '2'] }, forbidden: null },
];

describe('resolveParams: DataLens filterParams, one row per branch and rule', () => {
  it.each(rows)('$name', (row) => {
    const r = resolveParams({ embed: row.embed, signedParams: row.signed as never, unsignedParams: row.unsigned, rule: row.rule });
    expect(r.params).toEqual(row.params);
    expect(r.forbidden).toEqual(row.forbidden);
    expect(r.rule).toBe(row.rule);
  });
});

describe('resolveParams: chart defaults (merged by the runner under the request params)', () => {
  const cases = [
    { name: 'a chart default fills a param nobody sent', embed: ENABLE_ALL, unsigned: { from: 'a' }, defaults: { region: 'all' }, rule: SW, params: { region: 'all', from: 'a' } },
    { name: 'a chart default applies on the early return too', embed: ENABLE_ALL, signed: { org: '7' }, defaults: { region: 'all' }, rule: SW, params: { region: 'all', org: '7' } },
    { name: 'a kept unsigned value beats the chart default', embed: ENABLE_ALL, unsigned: { region: 'south' }, defaults: { region: 'all' }, rule: SW, params: { region: 'south' } },
    { name: 'a deny-listed unsigned value is dropped, so the chart default applies', embed: DENY_REGION, unsigned: { region: 'south' }, defaults: { region: 'all' }, rule: SW, params: { region: 'all' } },
    { name: 'a signed value beats the chart default (unsigned-wins)', embed: ENABLE_ALL, signed: { region: 'north' }, unsigned: { from: 'a' }, defaults: { region: 'all' }, rule: UW, params: { region: 'north', from: 'a' } },
  ];
  it.each(cases)('$name', (c) => {
    const r = resolveParams({ embed: c.embed, signedParams: c.signed, unsignedParams: c.unsigned, rule: c.rule, chartDefaults: c.defaults });
    expect(r.params).toEqual(c.params);
  });
});

describe('resolveParams: hygiene', () => {
  it('returns a copy: mutating the result leaves the signed params alone', () => {
    const signed = { region: 'north' };
    const r = resolveParams({ embed: ENABLE_ALL, signedParams: signed, unsignedParams: undefined, rule: SW });
    r.params.region = 'x';
    expect(signed).toEqual({ region: 'north' });
    expect(r.earlyReturn).toBe(true);
  });

  it('treats a param named __proto__ as a plain param', () => {
    const unsigned = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "1"}') as Record<string, unknown>;
    const r = resolveParams({ embed: ENABLE_ALL, signedParams: {}, unsignedParams: unsigned, rule: SW });
    expect(Object.keys(r.params).sort()).toEqual(['__proto__', 'a']);
    expect((r.params as { polluted?: string }).polluted).toBeUndefined();
  });

  it('treats a missing token params object like an empty one', () => {
    const r = resolveParams({ embed: DENY_REGION, signedParams: undefined, unsignedParams: { a: '1' }, rule: SW });
    expect(r.params).toEqual({ a: '1' });
    expect(r.forbidden).toEqual(['region']);
  });
});
