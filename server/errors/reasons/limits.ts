import type { ReasonDef } from './types.js';

/**
 * Limits: those that keep the emulator answering whatever a client sends (a chart query that runs
 * too long, an export larger than a spreadsheet holds), each naming the limit and how to stay under
 * it, and production's metering of embedded queries (docs/fidelity.md, "Limits and error views").
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
  EMBED_USAGE_LIMIT_EXCEEDED: {
    status: 429,
    stage: 'us',
    usCode: 'ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR',
    message: "The organization's monthly limit of queries from private embeds is used up (embedQueryLimit), so the embed shows \"Embedded dashboard limit exceeded\".",
    hint: "In production the organization's administrator adds seats (each seat adds queries a month). Here: raise or remove the limit (POST /_mock/settings {\"embedQueryLimit\": null}), move the emulator clock to the next month, or POST /_mock/reset.",
  },
} as const satisfies Record<string, ReasonDef>;
