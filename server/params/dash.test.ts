import { describe, expect, it } from 'vitest';
import type { DashControlItem, DashTab, PrecedenceRule } from '../core/types.js';
import { isControlDisabled } from './dash.js';

const control = (param: string, sourceType: DashControlItem['sourceType'] = 'manual'): DashControlItem => ({ id: 'c', type: 'control', sourceType, param });
const NO_ALIASES: Pick<DashTab, 'aliases'> = {};
const ALIASES: Pick<DashTab, 'aliases'> = { aliases: { default: [['region', 'region_code']] } };
const OTHER_NS_ALIASES: Pick<DashTab, 'aliases'> = { aliases: { other: [['region', 'region_code']] } };
const deny = (...privateParams: string[]) => ({ publicParamsMode: false, privateParams });

interface Row {
  name: string;
  control: DashControlItem & { namespace?: string };
  tab?: Pick<DashTab, 'aliases'>;
  embed: { publicParamsMode: boolean; privateParams: string[] };
  signed?: Record<string, string>;
  rule: PrecedenceRule;
  disabled: boolean;
  because: RegExp;
}

const rows: Row[] = [
  { name: 'a manual selector on a privateParams param is disabled', control: control('region'), embed: deny('region'), rule: 'signed-wins', disabled: true, because: /in privateParams/ },
  { name: 'a dataset selector on a privateParams param is disabled', control: control('region', 'dataset'), embed: deny('region'), rule: 'signed-wins', disabled: true, because: /in privateParams/ },
  { name: 'an external selector is never disabled', control: control('region', 'external'), embed: deny('region'), signed: { region: 'n' }, rule: 'signed-wins', disabled: false, because: /never disabled/ },
  { name: 'publicParamsMode=true never disables a selector', control: control('region'), embed: { publicParamsMode: true, privateParams: ['region'] }, signed: { region: 'n' }, rule: 'signed-wins', disabled: false, because: /publicParamsMode is true/ },
  { name: 'a selector on a signed param is disabled under signed-wins, even with no privateParams', control: control('region'), embed: deny(), signed: { region: 'n' }, rule: 'signed-wins', disabled: true, because: /signed/ },
  { name: 'a selector on a signed param stays enabled under unsigned-wins', control: control('region'), embed: deny(), signed: { region: 'n' }, rule: 'unsigned-wins', disabled: false, because: /under unsigned-wins signed params do not disable/ },
  { name: 'privateParams still disable a selector under unsigned-wins', control: control('region'), embed: deny('region'), rule: 'unsigned-wins', disabled: true, because: /in privateParams/ },
  { name: 'a selector on an unrelated param stays enabled', control: control('from'), embed: deny('region'), signed: { org: '1' }, rule: 'signed-wins', disabled: false, because: /neither/ },
  { name: 'a selector whose alias is in privateParams is disabled', control: control('region_code'), tab: ALIASES, embed: deny('region'), rule: 'signed-wins', disabled: true, because: /"region" \(an alias of "region_code"\) is in privateParams/ },
  { name: 'a selector whose alias is signed is disabled under signed-wins', control: control('region_code'), tab: ALIASES, embed: deny(), signed: { region: 'n' }, rule: 'signed-wins', disabled: true, because: /signed/ },
  { name: 'a selector whose alias is signed stays enabled under unsigned-wins', control: control('region_code'), tab: ALIASES, embed: deny(), signed: { region: 'n' }, rule: 'unsigned-wins', disabled: false, because: /aliases/ },
  { name: 'aliases of another namespace do not apply', control: control('region_code'), tab: OTHER_NS_ALIASES, embed: deny('region'), rule: 'signed-wins', disabled: false, because: /neither/ },
  { name: "aliases of the control's own namespace apply", control: { ...control('region_code'), namespace: 'other' }, tab: OTHER_NS_ALIASES, embed: deny('region'), rule: 'signed-wins', disabled: true, because: /alias/ },
];

describe('isControlDisabled: selectors on forbidden, signed or aliased params, one row per condition and rule', () => {
  it.each(rows)('$name', (row) => {
    const v = isControlDisabled(row.control, row.tab ?? NO_ALIASES, row.embed, row.signed ?? {}, row.rule);
    expect(v.disabled).toBe(row.disabled);
    expect(v.because).toMatch(row.because);
  });
});
