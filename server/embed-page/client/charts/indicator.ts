import { h } from '../dom.js';
import { formatCompact, formatNumber } from '../format.js';
import { categoryLabel, layoutSeries, toNumber } from './series.js';
import type { ChartRenderer } from './types.js';

/** One big number: the first numeric value of the first row (the row is the chart's one shown row). */
export const renderIndicator: ChartRenderer = (table) => {
  const layout = layoutSeries(table);
  const col = layout.values[0] ?? 0;
  const raw = table.rows[0]?.[col] ?? null;
  const n = toNumber(raw);
  const value = n === null ? String(raw ?? '—') : formatCompact(n);
  const subtitle = layout.category >= 0 && layout.category !== col ? categoryLabel(table, layout, 0) : '';
  const more = table.rows.length - 1;
  return h(
    'div',
    { class: 'dl-indicator' },
    h(
      'div',
      { 'data-testid': 'dl-row', class: 'dl-indicator__main', 'data-tip': n === null ? value : formatNumber(n) },
      h('div', { class: 'dl-indicator__value' }, value),
      h('div', { class: 'dl-indicator__label' }, table.columns[col] ?? ''),
      subtitle ? h('div', { class: 'dl-indicator__sub' }, subtitle) : null,
    ),
    more > 0 ? h('div', { class: 'dl-indicator__more' }, `first of ${table.rows.length} rows`) : null,
  );
};
