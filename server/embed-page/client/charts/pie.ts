import { h, s } from '../dom.js';
import { formatCompact, formatNumber, truncate } from '../format.js';
import { color } from './palette.js';
import { categoryLabel, layoutSeries, toNumber } from './series.js';
import type { ChartRenderer } from './types.js';

function arc(cx: number, cy: number, r: number, inner: number, a0: number, a1: number): string {
  // A full circle cannot be one arc: split it in two halves.
  if (a1 - a0 >= Math.PI * 2 - 1e-6) {
    const mid = a0 + Math.PI;
    return arc(cx, cy, r, inner, a0, mid) + arc(cx, cy, r, inner, mid, a1);
  }
  const p = (rad: number, a: number) => `${(cx + rad * Math.sin(a)).toFixed(2)},${(cy - rad * Math.cos(a)).toFixed(2)}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${p(r, a0)}A${r},${r} 0 ${large} 1 ${p(r, a1)}L${p(inner, a1)}A${inner},${inner} 0 ${large} 0 ${p(inner, a0)}Z`;
}

/** A donut of the first numeric column, one slice per row, with a legend beside or below it. */
export const renderPie: ChartRenderer = (table, size) => {
  const layout = layoutSeries(table);
  const col = layout.values[0];
  const values = table.rows.map((row) => Math.max(0, toNumber(row[col]) ?? 0));
  const total = values.reduce((a, b) => a + b, 0);
  const side = size.width >= 380;
  const legendRows = side ? 0 : Math.min(table.rows.length, 4);
  const chartW = side ? size.width * 0.58 : size.width;
  const chartH = size.height - legendRows * 20;
  const r = Math.max(10, Math.min(chartW, chartH) / 2 - 10);
  const cx = chartW / 2;
  const cy = chartH / 2;

  const svg = s('svg', { class: 'dl-chart-svg', width: chartW, height: chartH, viewBox: `0 0 ${chartW} ${chartH}`, role: 'img' });
  let angle = 0;
  const items: HTMLElement[] = [];
  table.rows.forEach((_row, i) => {
    const label = categoryLabel(table, layout, i);
    const share = total > 0 ? values[i] / total : 0;
    const tip = `${label}\n${table.columns[col]}: ${formatNumber(values[i])} (${(share * 100).toFixed(1)}%)`;
    const g = s('g', { 'data-testid': 'dl-row', 'data-tip': tip, class: 'dl-mark-group' });
    if (share > 0) {
      const a1 = angle + share * Math.PI * 2;
      g.append(s('path', { d: arc(cx, cy, r, r * 0.58, angle, a1), fill: color(i), class: 'dl-slice' }));
      angle = a1;
    }
    svg.append(g);
    items.push(h('li', {}, h('span', { class: 'dl-swatch', style: `background:${color(i)}` }), h('span', { class: 'dl-legend-label' }, truncate(label, 28)), h('span', { class: 'dl-legend-value' }, `${(share * 100).toFixed(0)}%`)));
  });
  // The total sits in the hole; its size follows the hole so it never spills onto the slices.
  const hole = r * 0.58;
  const font = Math.max(11, Math.min(24, hole / 2.6));
  svg.append(s('text', { x: cx, y: cy + (hole > 40 ? 2 : font / 3), 'text-anchor': 'middle', class: 'dl-pie-total', style: `font-size:${font.toFixed(0)}px` }, formatCompact(total)));
  if (hole > 40) svg.append(s('text', { x: cx, y: cy + 18, 'text-anchor': 'middle', class: 'dl-axis-label' }, truncate(table.columns[col] ?? '', Math.floor(hole / 4))));
  const legend = h('ul', { class: 'dl-pie-legend' }, ...items);
  return h('div', { class: `dl-pie ${side ? 'dl-pie--side' : 'dl-pie--below'}` }, svg, legend);
};
