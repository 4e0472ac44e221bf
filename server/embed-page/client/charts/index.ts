import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderBar } from './bar.js';
import { renderIndicator } from './indicator.js';
import { renderLine } from './line.js';
import { renderPie } from './pie.js';
import { layoutSeries, type ChartTable } from './series.js';
import { renderTable } from './table.js';
import type { ChartRenderer, ChartSize, Visualization } from './types.js';

export type { Visualization } from './types.js';

const RENDERERS: Record<Visualization, ChartRenderer> = {
  table: renderTable,
  bar: renderBar,
  line: renderLine,
  pie: renderPie,
  indicator: renderIndicator,
};

/** Draws `table` as `visualization`; charts without a numeric column fall back to a table. */
export function renderChart(visualization: string | undefined, table: ChartTable, size: ChartSize): Element {
  if (table.rows.length === 0) return h('div', { class: 'dl-empty' }, t('noData'));
  const kind = (visualization && visualization in RENDERERS ? visualization : 'table') as Visualization;
  const needsNumbers = kind !== 'table' && kind !== 'indicator';
  const renderer = needsNumbers && layoutSeries(table).values.length === 0 ? renderTable : RENDERERS[kind];
  return renderer(table, size);
}
