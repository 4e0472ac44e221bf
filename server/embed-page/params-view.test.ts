import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params/engine.js';
import { paramChips } from './client/params-view.js';

const embed = { publicParamsMode: false, unsignedParams: [], privateParams: ['secret'] };

describe('paramChips: the effective-params panel', () => {
  it('lists each effective param with the source that won, then what was dropped, from a real trace', () => {
    const resolved = resolveParams({
      embed,
      signedParams: { region: 'North' },
      unsignedParams: { region: 'South', year: '2024', secret: 'x' },
      sources: { region: 'link', year: 'link', secret: 'link' },
      rule: 'signed-wins',
    });
    const chips = paramChips(resolved.params, resolved.trace);
    expect(chips.map((c) => [c.name, c.text, c.source, c.effective])).toEqual([
      ['region', 'North', 'signed', true],
      ['year', '2024', 'link', true],
      ['secret', 'x', 'ignored', false],
    ]);
    expect(chips.find((c) => c.name === 'secret')?.why).toMatch(/privateParams/);
  });

  it('joins array values and labels a param without a trace entry as "request"', () => {
    expect(paramChips({ region: ['East', 'West'] }, undefined)).toEqual([
      { name: 'region', text: 'East, West', source: 'request', effective: true, why: '', lock: undefined },
    ]);
  });

  it('adds link keys the page never read', () => {
    const chips = paramChips({}, [], [{ name: 'state', why: '`state` is not accepted' }]);
    expect(chips).toEqual([{ name: 'state', text: '', source: 'not read', effective: false, why: '`state` is not accepted' }]);
  });

  it('leaves out URL options such as _theme: they configure the page, they are not params', () => {
    expect(paramChips({}, [], [{ name: '_theme', why: 'a DataLens URL option' }])).toEqual([]);
  });

  it('tolerates a trace that is not an array', () => {
    expect(paramChips({ a: '1' }, { nonsense: true })).toHaveLength(1);
  });
});
