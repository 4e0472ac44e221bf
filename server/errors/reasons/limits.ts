import type { ReasonDef } from './types.js';

/**
 * Limits that keep the emulator answering whatever a client sends: a chart query that runs too
 * long, an export larger than a spreadsheet holds. Each names the limit and how to stay under it.
 */
export const limitReasons = {
  SQL_TIMEOUT: {
    status: 400,
    stage: 'runner',
    message: 'The chart SQL ran longer than the emulator allows.',
    hint: 'Make the query cheaper: a recursive CTE needs a stop condition, a join needs a join condition. ClickHouse stops a chart query after max_execution_time the same way.',
  },
  EXPORT_TOO_LARGE: {
    status: 413,
    stage: 'runner',
    message: 'The chart data is larger than a spreadsheet holds.',
    hint: 'An XLSX sheet holds at most 1,048,576 rows and 16,384 columns: filter the chart, or export CSV.',
  },
} as const satisfies Record<string, ReasonDef>;
