import type { DashControlItem, DashTab, Embed, Params, PrecedenceRule } from '../types.js';

export interface ControlVerdict {
  disabled: boolean;
  /** Plain words: why it is disabled (or why not). */
  because: string;
}

/** DataLens's `isControlDisabled` (fact sheet §4.1). Pure. */
export function isControlDisabled(
  control: DashControlItem,
  tab: Pick<DashTab, 'aliases'>,
  embed: Pick<Embed, 'publicParamsMode' | 'privateParams'>,
  signedParams: Params,
  rule: PrecedenceRule,
): ControlVerdict {
  if (control.sourceType === 'external') return { disabled: false, because: 'external selectors are never disabled' };
  if (embed.publicParamsMode) return { disabled: false, because: 'publicParamsMode is true' };
  const locked = new Set(embed.privateParams);
  if (rule === 'signed-wins') for (const k of Object.keys(signedParams)) locked.add(k);
  const group = Object.values(tab.aliases ?? {})
    .flat()
    .find((g) => g.includes(control.param)) ?? [control.param];
  const hit = group.find((p) => locked.has(p));
  return hit
    ? { disabled: true, because: `param "${hit}" is ${embed.privateParams.includes(hit) ? 'in privateParams' : 'signed'}` }
    : { disabled: false, because: 'not bound to a forbidden or signed param' };
}
