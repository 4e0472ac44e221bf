import { s } from '../dom.js';
import { formatCompact, truncate } from '../format.js';
import { color } from './palette.js';
import { linear, niceTicks, valueExtent } from './scale.js';
import { categoryLabel, toNumber, type ChartTable, type SeriesLayout } from './series.js';
import type { ChartSize } from './types.js';

/** The plot area and scales shared by bar and line charts. */
export interface CartesianFrame {
  svg: SVGSVGElement;
  /** Where marks go (drawn above grid and axes). */
  marks: SVGGElement;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  /** Width of one category band. */
  band: number;
  y: (v: number) => number;
}

const CHAR = 6.6;
const LEGEND = 22;

function legend(table: ChartTable, layout: SeriesLayout, width: number): SVGGElement {
  const g = s('g', { class: 'dl-legend' });
  let x = 0;
  layout.values.forEach((col, i) => {
    const name = truncate(table.columns[col], 24);
    if (x + 18 + name.length * CHAR > width) return;
    g.append(s('rect', { x, y: 4, width: 10, height: 10, rx: 2, fill: color(i) }), s('text', { x: x + 14, y: 13 }, name));
    x += 28 + name.length * CHAR;
  });
  return g;
}

/** Draws gridlines, the value axis, category labels and (for several series) a legend. */
export function cartesianFrame(table: ChartTable, layout: SeriesLayout, size: ChartSize, includeZero: boolean): CartesianFrame {
  const values = table.rows.flatMap((row) => layout.values.map((c) => toNumber(row[c]))).filter((v): v is number => v !== null);
  const [min, max] = valueExtent(values, includeZero);
  const ticks = niceTicks(min, max, Math.max(2, Math.floor(size.height / 60)));
  const left = Math.ceil(Math.max(...ticks.map((t) => formatCompact(t).length)) * CHAR) + 14;
  const top = layout.values.length > 1 ? LEGEND + 8 : 10;
  const bottom = 26;
  const plotWidth = Math.max(10, size.width - left - 12);
  const plotHeight = Math.max(10, size.height - top - bottom);
  const y = linear(ticks[0], ticks[ticks.length - 1], top + plotHeight, top);
  const n = Math.max(1, table.rows.length);
  const band = plotWidth / n;

  const svg = s('svg', { class: 'dl-chart-svg', width: size.width, height: size.height, viewBox: `0 0 ${size.width} ${size.height}`, role: 'img' });
  const grid = s('g', { class: 'dl-grid' });
  for (const t of ticks) {
    const ty = Math.round(y(t)) + 0.5;
    grid.append(
      s('line', { x1: left, x2: left + plotWidth, y1: ty, y2: ty, class: t === 0 ? 'dl-grid__zero' : 'dl-grid__line' }),
      s('text', { x: left - 8, y: ty + 4, 'text-anchor': 'end', class: 'dl-axis-label' }, formatCompact(t)),
    );
  }
  const every = Math.max(1, Math.ceil((n * 64) / plotWidth));
  const maxChars = Math.max(3, Math.floor((band * every) / CHAR) - 1);
  const labels = s('g', { class: 'dl-axis' });
  for (let r = 0; r < table.rows.length; r += every) {
    const x = left + band * (r + 0.5);
    labels.append(s('text', { x, y: top + plotHeight + 17, 'text-anchor': 'middle', class: 'dl-axis-label' }, truncate(categoryLabel(table, layout, r), maxChars)));
  }
  svg.append(grid, labels);
  if (layout.values.length > 1) {
    const l = legend(table, layout, plotWidth);
    l.setAttribute('transform', `translate(${left},0)`);
    svg.append(l);
  }
  const marks = s('g', { class: 'dl-marks' });
  svg.append(marks);
  return { svg, marks, left, top, plotWidth, plotHeight, band, y };
}

/** Tooltip text for one row: the category, then each series value. */
export function rowTip(table: ChartTable, layout: SeriesLayout, r: number): string {
  const lines = [categoryLabel(table, layout, r)];
  for (const c of layout.values) {
    const v = toNumber(table.rows[r][c]);
    lines.push(`${table.columns[c]}: ${v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  }
  return lines.join('\n');
}
