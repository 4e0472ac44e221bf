import { h } from '../dom.js';
import { formatCell } from '../format.js';
import type { ChartRenderer } from './types.js';

/** Rows beyond this are not drawn (a real table paginates); the footer says how many exist. */
export const TABLE_ROW_LIMIT = 500;

/** A plain data table with a sticky header; numbers are right-aligned. */
export const renderTable: ChartRenderer = (table) => {
  const numeric = table.columns.map((_, i) => table.rows.some((r) => typeof r[i] === 'number'));
  const head = h('thead', {}, h('tr', {}, ...table.columns.map((c, i) => h('th', { class: numeric[i] ? 'dl-num' : null, scope: 'col' }, c))));
  const shown = table.rows.slice(0, TABLE_ROW_LIMIT);
  const body = h(
    'tbody',
    {},
    ...shown.map((row) => h('tr', { 'data-testid': 'dl-row' }, ...row.map((v, i) => h('td', { class: numeric[i] ? 'dl-num' : null }, formatCell(v))))),
  );
  const wrap = h('div', { class: 'dl-table-wrap' }, h('table', { class: 'dl-table' }, head, body));
  if (table.rows.length > shown.length) {
    wrap.append(h('div', { class: 'dl-table-more' }, `Showing ${shown.length} of ${table.rows.length} rows`));
  }
  return wrap;
};
