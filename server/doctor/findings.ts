import type { ReasonCode } from '../errors/catalogue.js';
import { CODES, type DlmCode, type Severity } from './codes/index.js';

/** One problem found (`{code, severity, message, hint}`, as `POST /_mock/validate` answers, plus optional fields). */
export interface Finding {
  code: DlmCode;
  severity: Severity;
  message: string;
  hint: string;
  /** Where in the input: `payload.exp`, `link.query.region`, `partner.signature`, … */
  path?: string;
  /** The emulator's rejection reason this leads to (the `mock.reason` of a gateway error body). */
  reason?: ReasonCode;
}

export interface FindingOptions {
  message?: string;
  hint?: string;
  path?: string;
  severity?: Severity;
}

/** Builds a finding from the code table; options make the message and hint specific. */
export function finding(code: DlmCode, o: FindingOptions = {}): Finding {
  const def = CODES[code];
  const f: Finding = { code, severity: o.severity ?? def.severity, message: o.message ?? def.message, hint: o.hint ?? def.hint };
  if (o.path !== undefined) f.path = o.path;
  if ('reason' in def && def.reason) f.reason = def.reason;
  return f;
}

/** Collects the findings of one run, in the order the checks meet them. */
export class Findings {
  readonly list: Finding[] = [];

  add(code: DlmCode, o: FindingOptions = {}): Finding {
    const f = finding(code, o);
    this.list.push(f);
    return f;
  }

  has(code: DlmCode): boolean {
    return this.list.some((f) => f.code === code);
  }

  get errors(): number {
    return this.list.filter((f) => f.severity === 'error').length;
  }

  get warnings(): number {
    return this.list.filter((f) => f.severity === 'warning').length;
  }
}
