import { controlVerdict, describeLists, hasNamespaceWithoutAliases, listBranch, listVerdict, lockVerdict } from '../../params/index.js';

import type { EmbeddingInfo } from '../../store/index.js';
import type { Embed, Entry, Params, PrecedenceRule } from '../../core/types.js';
import type { EmulatorView } from '../env.js';
import type { Findings } from '../findings.js';
import type { EmbedAudit, SignedParamAudit } from '../report.js';
import { suggestion } from '../similar.js';
import { dashWidgetCharts, usedParams } from './used-params.js';

const RULES: PrecedenceRule[] = ['signed-wins', 'unsigned-wins'];

/** DataLens docs, "Recommendations": what to change so the link cannot override `name` under either rule. */
function howToLock(name: string, embed: Embed, entry: Entry | undefined): string {
  const what = entry?.scope === 'dash' ? 'Dashboard' : 'Chart';
  return embed.publicParamsMode
    ? `${what}, "Disable all" mode: remove "${name}" from unsignedParams (the enabled list).`
    : `${what}, "Enable all" mode: add "${name}" to privateParams (the disabled list).`;
}

function auditSigned(embed: Embed, entry: Entry | undefined, signed: Params, used: Set<string>, rule: PrecedenceRule, f: Findings): SignedParamAudit[] {
  return Object.entries(signed).map(([name, value]) => {
    const isUsed = !entry || used.has(name);
    if (!isUsed) {
      f.add('DLM-505', {
        path: `payload.params.${name}`,
        message: `The token signs "${name}", which ${entry!.scope === 'dash' ? 'the dashboard and its charts never read' : 'the chart never reads'}.${suggestion(name, used)}`,
      });
    }
    const locked = listVerdict(name, embed) !== 'kept';
    const lock = locked ? undefined : howToLock(name, embed, entry);
    if (!locked && rule === 'unsigned-wins') {
      f.add('DLM-506', { path: `payload.params.${name}`, message: `Signed param "${name}" can be changed from the link: the rule in force is unsigned-wins and the embed's lists let "${name}" through.`, hint: lock });
    }
    const verdicts = Object.fromEntries(RULES.map((r) => [r, lockVerdict(name, embed, r, true)])) as Record<PrecedenceRule, string>;
    return { name, value, used: isUsed, verdicts, lockedUnderBothRules: locked, ...(lock && { howToLock: lock }) };
  });
}

/** Names in the list in force that the entry never reads; a filled list the mode ignores. */
function auditLists(embed: Embed, used: Set<string>, f: Findings): void {
  const active = embed.publicParamsMode ? 'unsignedParams' : 'privateParams';
  const ignored = embed.publicParamsMode ? 'privateParams' : 'unsignedParams';
  for (const name of embed[active]) {
    if (used.has(name)) continue;
    f.add(active === 'privateParams' ? 'DLM-501' : 'DLM-502', {
      path: `embed.${active}`,
      message: `${active} lists "${name}", which the embedded entry never reads.${suggestion(name, used)}`,
    });
  }
  if (embed[ignored].length) {
    f.add('DLM-507', {
      path: `embed.${ignored}`,
      message: `${ignored} [${embed[ignored].join(', ')}] is ignored: publicParamsMode is ${embed.publicParamsMode} ("${embed.publicParamsMode ? 'Disable' : 'Enable'} all"), which uses ${active}.`,
    });
  }
}

/** Dashboard charts the embed may not read (409 later), and deps that no longer exist. */
function auditDeps(embed: Embed, entry: Entry, em: EmulatorView, f: Findings): string[] {
  const allowed = new Set([embed.entryId, ...embed.depsIds]);
  const missing = dashWidgetCharts(entry).filter((id) => !allowed.has(id));
  for (const id of missing) {
    const chart = em.entry(id);
    f.add('DLM-503', {
      path: 'embed.depsIds',
      message: `Chart ${id}${chart ? ` "${chart.title}"` : ''} is on the dashboard but not in the embed's depsIds: its widget will fail with 409 "Embed settings expired".`,
    });
  }
  for (const id of embed.depsIds) {
    if (!em.entry(id)) f.add('DLM-504', { path: 'embed.depsIds', message: `depsIds lists ${id}, which no longer exists.` });
  }
  return missing;
}

/**
 * The embed-setup audit: each signed param under both precedence rules and how to
 * lock it, list names the entry never reads, dashboard charts missing from depsIds, export.
 */
export function auditEmbed(info: EmbeddingInfo, entry: Entry | undefined, signed: Params, rule: PrecedenceRule, em: EmulatorView, f: Findings): EmbedAudit {
  const { embed } = info;
  const used = entry ? usedParams(entry, (id) => em.entry(id)) : new Set<string>();
  const signedParams = auditSigned(embed, entry, signed, used, rule, f);
  if (entry) auditLists(embed, used, f);
  const missingDepsIds = entry ? auditDeps(embed, entry, em, f) : [];
  const disabledSelectors: EmbedAudit['disabledSelectors'] = [];
  if (entry?.scope === 'dash') {
    // The forbidden set a run gets whenever the page sends params (it always does on a dash with globalParams).
    const forbidden = listBranch(embed) === 'deny-list' ? [...embed.privateParams, ...(rule === 'signed-wins' ? Object.keys(signed) : [])] : null;
    for (const tab of entry.data.tabs) {
      for (const item of tab.items) {
        if (item.type !== 'control') continue;
        const v = controlVerdict(forbidden, item, tab, embed, signed, rule);
        const latent = hasNamespaceWithoutAliases(item, tab) && (item.sourceType === 'manual' || item.sourceType === 'dataset');
        if (v.throws || latent) {
          f.add('DLM-508', {
            path: `dash.tabs[${tab.id}].aliases`,
            severity: v.throws ? undefined : 'warning',
            message: v.throws
              ? `Selector ${item.id} on tab ${tab.id} has namespace "${item.namespace}", but the tab has no aliases object: each run of the selector answers 500 (ERR.CHARTS.CHARTS_ENGINE_RUNNER_ERROR), as in DataLens.`
              : `Selector ${item.id} on tab ${tab.id} has namespace "${item.namespace}", but the tab has no aliases object: it answers 500 as soon as this embed has publicParamsMode false (DataLens throws in its check).`,
          });
        }
        if (v.disabled) disabledSelectors.push({ tabId: tab.id, id: item.id, param: item.param, because: v.because });
      }
    }
  }
  return {
    embedId: embed.embedId,
    title: embed.title,
    entry: entry ? { entryId: entry.entryId, scope: entry.scope, title: entry.title } : null,
    embeddingSecretId: embed.embeddingSecretId,
    paramsMode: describeLists(embed),
    publicParamsMode: embed.publicParamsMode,
    unsignedParams: embed.unsignedParams,
    privateParams: embed.privateParams,
    exportEnabled: embed.settings.enableExport === true,
    depsIds: embed.depsIds,
    missingDepsIds,
    usedParams: [...used].sort(),
    rule,
    signedParams,
    disabledSelectors,
  };
}
