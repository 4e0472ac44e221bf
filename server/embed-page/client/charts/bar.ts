import { s } from '../dom.js';
import { cartesianFrame, rowTip } from './axes.js';
import { color } from './palette.js';
import { layoutSeries, toNumber } from './series.js';
import type { ChartRenderer } from './types.js';

/** Vertical bars, one group per row, one bar per numeric column. */
export const renderBar: ChartRenderer = (table, size) => {
  const layout = layoutSeries(table);
  const frame = cartesianFrame(table, layout, size, true);
  const groupWidth = frame.band * 0.72;
  const barWidth = groupWidth / Math.max(1, layout.values.length);
  const zero = frame.y(0);
  table.rows.forEach((row, r) => {
    const g = s('g', { 'data-testid': 'dl-row', 'data-tip': rowTip(table, layout, r), class: 'dl-mark-group' });
    g.append(s('rect', { x: frame.left + frame.band * r, y: frame.top, width: frame.band, height: frame.plotHeight, class: 'dl-hover-band' }));
    layout.values.forEach((c, i) => {
      const v = toNumber(row[c]);
      if (v === null) return;
      const y = frame.y(v);
      const x = frame.left + frame.band * r + (frame.band - groupWidth) / 2 + barWidth * i;
      g.append(
        s('rect', {
          x: x + 0.5,
          y: Math.min(y, zero),
          width: Math.max(1, barWidth - 1),
          height: Math.max(1, Math.abs(zero - y)),
          rx: Math.min(3, barWidth / 4),
          fill: color(i),
          class: 'dl-bar',
        }),
      );
    });
    frame.marks.append(g);
  });
  return frame.svg;
};
