import type { ChartTable } from './series.js';

export type Visualization = 'table' | 'bar' | 'line' | 'pie' | 'indicator';

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Draws a chart from its data at a given size. Every element that stands for one data row carries
 * `data-testid="dl-row"` (a test hook) and a `data-tip` text for the tooltip.
 */
export type ChartRenderer = (table: ChartTable, size: ChartSize) => Element;
