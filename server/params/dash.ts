// Dashboard selectors bound to forbidden or signed params: DataLens's `isControlDisabled`
// (docs/fidelity.md, "Selector disabling"). Pure, no Node imports.
import type { DashControlItem, DashTab, Embed, Params, PrecedenceRule } from '../core/types.js';

export interface ControlVerdict {
  disabled: boolean;
  /** Plain words: why it is disabled (or why not). */
  because: string;
  /** DataLens throws a TypeError here instead of answering (a namespace on a tab without aliases). */
  throws?: true;
}

/**
 * DataLens items carry a `namespace` (alias groups are looked up in `tab.aliases[namespace]`). This
 * emulator's items have none, which is DataLens's usual 'default' namespace; a control object may
 * still carry its own.
 */
export const DEFAULT_NAMESPACE = 'default';

/** The first alias group of the control's namespace that contains `param`, as DataLens finds it. */
export function aliasGroup(tab: Pick<DashTab, 'aliases'>, param: string, namespace = DEFAULT_NAMESPACE): string[] | undefined {
  const groups = tab.aliases?.[namespace];
  return Array.isArray(groups) ? groups.find((g) => Array.isArray(g) && g.includes(param)) : undefined;
}

/**
 * A selector that names a `namespace` on a tab with no `aliases` object: DataLens reads
 * `tab.aliases[namespace]` and throws a TypeError, so every run of that selector is a 500.
 */
export function hasNamespaceWithoutAliases(control: { namespace?: string }, tab: Pick<DashTab, 'aliases'>): boolean {
  return control.namespace !== undefined && (typeof tab.aliases !== 'object' || tab.aliases === null);
}

/**
 * Evaluated on every selector run, from the embed and the token alone: it does not depend on the
 * request params, so filterParams' early return (docs/params.md, step 1) does not skip it.
 * Disabled when the selector is `manual` or `dataset`, `publicParamsMode` is false, and its param
 * (or any member of its alias group) is in privateParams ∪ signed keys. Under the legacy
 * `unsigned-wins` rule only privateParams count (signed keys joined in 2025-11).
 */
export function isControlDisabled(
  control: Pick<DashControlItem, 'sourceType' | 'param'> & { namespace?: string },
  tab: Pick<DashTab, 'aliases'>,
  embed: Pick<Embed, 'publicParamsMode' | 'privateParams'>,
  signedParams: Params | Record<string, unknown> | undefined,
  rule: PrecedenceRule,
): ControlVerdict {
  if (control.sourceType !== 'manual' && control.sourceType !== 'dataset') {
    return { disabled: false, because: `${control.sourceType} selectors are never disabled by embed settings` };
  }
  if (embed.publicParamsMode) {
    return { disabled: false, because: 'publicParamsMode is true ("dash doesn\'t support publicParamsMode"), so no selector is disabled' };
  }
  if (hasNamespaceWithoutAliases(control, tab)) {
    return { disabled: false, throws: true, because: `the selector has namespace "${control.namespace}" but its tab has no aliases object: DataLens throws reading tab.aliases["${control.namespace}"]` };
  }
  const privateParams = embed.privateParams ?? [];
  const signed = rule === 'signed-wins' ? Object.keys(signedParams ?? {}) : [];
  const isPrivate = (p: string) => privateParams.includes(p);
  const isSigned = (p: string) => signed.includes(p);
  const group = aliasGroup(tab, control.param, control.namespace);
  const hit = (group ?? [control.param]).find((p) => isPrivate(p) || isSigned(p));
  if (hit === undefined) {
    const legacy = rule === 'unsigned-wins' && Object.keys(signedParams ?? {}).length > 0 ? ' (under unsigned-wins signed params do not disable selectors)' : '';
    return { disabled: false, because: `"${control.param}"${group ? ` and its aliases [${group.join(', ')}] are` : ' is'} neither in privateParams nor signed${legacy}` };
  }
  const what = isPrivate(hit) ? 'in privateParams' : 'signed in the token';
  const via = hit === control.param ? '' : ` (an alias of "${control.param}")`;
  return { disabled: true, because: `param "${hit}"${via} is ${what}` };
}

/**
 * DataLens's second disabling path, in the control processor (the url and typed-query plugins):
 * a selector is disabled when a forbidden set exists (publicParamsMode false, privateParams non-empty
 * and request params non-empty: the engine's `forbidden`) and holds the selector's own param. It also
 * covers `connection` selectors, which isControlDisabled skips; it does not expand aliases. External
 * selectors are never disabled.
 */
export function isForbiddenBySecureConfig(control: Pick<DashControlItem, 'sourceType' | 'param'>, forbidden: readonly string[] | null): ControlVerdict {
  if (control.sourceType === 'external') return { disabled: false, because: 'external selectors are never disabled by embed settings' };
  if (!forbidden) return { disabled: false, because: 'no forbidden set exists for this request (it needs publicParamsMode false, privateParams and request params)' };
  if (!forbidden.includes(control.param)) return { disabled: false, because: `"${control.param}" is not in the forbidden set [${forbidden.join(', ')}]` };
  return { disabled: true, because: `param "${control.param}" is in the forbidden set the runner gets (privateParams and signed keys)` };
}

/** Both of DataLens's paths: isControlDisabled first (alias-aware), then the forbidden set of the request. */
export function controlVerdict(forbidden: readonly string[] | null, ...args: Parameters<typeof isControlDisabled>): ControlVerdict {
  const first = isControlDisabled(...args);
  if (first.disabled || first.throws) return first;
  const second = isForbiddenBySecureConfig(args[0], forbidden);
  return second.disabled ? second : first;
}
