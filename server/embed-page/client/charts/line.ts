import { s } from '../dom.js';
import { cartesianFrame, rowTip } from './axes.js';
import { color } from './palette.js';
import { layoutSeries, toNumber } from './series.js';
import type { ChartRenderer } from './types.js';

/** One line per numeric column across the rows; each row is a column of points. */
export const renderLine: ChartRenderer = (table, size) => {
  const layout = layoutSeries(table);
  const frame = cartesianFrame(table, layout, size, false);
  const x = (r: number) => frame.left + frame.band * (r + 0.5);
  layout.values.forEach((c, i) => {
    let d = '';
    let pen = false;
    table.rows.forEach((row, r) => {
      const v = toNumber(row[c]);
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(r).toFixed(1)},${frame.y(v).toFixed(1)}`;
      pen = true;
    });
    frame.marks.append(s('path', { d, fill: 'none', stroke: color(i), 'stroke-width': 2, 'stroke-linejoin': 'round', class: 'dl-line' }));
  });
  const radius = table.rows.length > 40 ? 2 : 3.5;
  table.rows.forEach((row, r) => {
    const g = s('g', { 'data-testid': 'dl-row', 'data-tip': rowTip(table, layout, r), class: 'dl-mark-group' });
    g.append(s('rect', { x: frame.left + frame.band * r, y: frame.top, width: frame.band, height: frame.plotHeight, class: 'dl-hover-band' }));
    layout.values.forEach((c, i) => {
      const v = toNumber(row[c]);
      if (v !== null) g.append(s('circle', { cx: x(r), cy: frame.y(v), r: radius, fill: '#fff', stroke: color(i), 'stroke-width': 2, class: 'dl-point' }));
    });
    frame.marks.append(g);
  });
  return frame.svg;
};
