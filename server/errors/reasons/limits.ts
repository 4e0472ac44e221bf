import type { ReasonDef } from './types.js';

/** Production limits (docs/fidelity.md, "Limits and error views"). */
export const limitReasons = {
  EMBED_USAGE_LIMIT_EXCEEDED: {
    status: 429,
    stage: 'us',
    usCode: 'ERR.DASH.EMBED_USAGE_LIMIT_EXCEED_ERROR',
    message: "The organization's monthly limit of queries from private embeds is used up (embedQueryLimit), so the embed shows \"Embedded dashboard limit exceeded\".",
    hint: "In production the organization's administrator adds seats (each seat adds queries a month). Here: raise or remove the limit (POST /_mock/settings {\"embedQueryLimit\": null}), move the emulator clock to the next month, or POST /_mock/reset.",
  },
} as const satisfies Record<string, ReasonDef>;
