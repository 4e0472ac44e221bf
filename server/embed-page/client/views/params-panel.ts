import { h } from '../dom.js';
import { t } from '../i18n.js';
import { paramChips, type IgnoredParam } from '../params-view.js';

/**
 * The small "effective params" strip under a chart: one chip per param with its value and where it
 * came from. Each effective value carries `[data-testid="dl-param"][data-name]`.
 * Opening it lists the plain-words trace for every param.
 */
export function renderParamsPanel(params: Record<string, unknown>, trace: unknown, ignored: IgnoredParam[] = [], precedence?: string, open = false): HTMLElement {
  const chips = paramChips(params, trace, ignored);
  const summary = h(
    'summary',
    { class: 'dl-params__summary' },
    h('span', { class: 'dl-params__title' }, t('params')),
    chips.length === 0 ? h('span', { class: 'dl-params__none' }, t('none')) : null,
    ...chips.map((c) =>
      h(
        'span',
        { class: `dl-chip dl-chip--${c.effective ? c.source.replace(/\s+/g, '-') : 'ignored'}`, title: [c.why, c.lock].filter(Boolean).join('\n') },
        h('span', { class: 'dl-chip__name' }, c.name),
        c.effective ? h('span', { class: 'dl-chip__value', 'data-testid': 'dl-param', 'data-name': c.name }, c.text) : c.text ? h('s', { class: 'dl-chip__value' }, c.text) : null,
        h('span', { class: 'dl-chip__source' }, c.source),
      ),
    ),
  );
  const details = h(
    'div',
    { class: 'dl-params__details' },
    precedence ? h('div', { class: 'dl-params__rule' }, `Precedence rule: ${precedence}`) : null,
    h(
      'dl',
      { class: 'dl-params__list' },
      ...chips.flatMap((c) => [
        h('dt', {}, c.name, h('span', { class: 'dl-params__from' }, c.effective ? ` = ${c.text} · ${c.source}` : ` · ${c.source}`)),
        h('dd', {}, c.why || '—', c.lock ? h('div', { class: 'dl-params__lock' }, c.lock) : null),
      ]),
    ),
  );
  return h('details', { class: 'dl-params', open }, summary, details);
}
