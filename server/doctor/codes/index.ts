import { clickhouseCodes } from './clickhouse.js';
import { displayCodes } from './display.js';
import { embedCodes } from './embed.js';
import { keyCodes } from './keys.js';
import { partnerCodes } from './partner.js';
import { tokenCodes } from './token.js';
import type { CodeDef } from './types.js';

export type { CodeDef, CodeGroup, Severity } from './types.js';

/**
 * The doctor's one table of stable codes (documented in docs/doctor.md, kept in step by a test).
 * Numbering: 0xx input, 1xx token structure, 2xx claims, 3xx key and signature, 4xx link,
 * 5xx embed setup, 6xx partner tokens, 7xx a partner's ClickHouse cluster, 9xx the doctor itself.
 */
export const CODES = {
  ...tokenCodes,
  ...embedCodes,
  ...keyCodes,
  ...displayCodes,
  ...partnerCodes,
  ...clickhouseCodes,
} as const satisfies Record<string, CodeDef>;

export type DlmCode = keyof typeof CODES;

export function codeDef(code: DlmCode): CodeDef {
  return CODES[code];
}
