import type { ReasonCode } from '../../errors/catalogue.js';

export type Severity = 'error' | 'warning';

/** Which part of the input a code is about (the table's sections in docs/doctor.md). */
export type CodeGroup = 'input' | 'token' | 'claims' | 'signature' | 'link' | 'embed' | 'partner' | 'clickhouse' | 'doctor';

/**
 * One row of the doctor's code table. A code is stable: its number and meaning never change; a
 * finding may carry a more specific message and hint than the row's.
 */
export interface CodeDef {
  group: CodeGroup;
  /** The usual severity (default settings); a finding may change it (e.g. a strict-only rule is an error under --strict). */
  severity: Severity;
  /** Plain words: what is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
  /** The emulator's rejection reason (server/errors) this problem leads to, when it leads to one. */
  reason?: ReasonCode;
}
