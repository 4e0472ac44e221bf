import { guardReasons } from './reasons/guard.js';
import { limitReasons } from './reasons/limits.js';
import { clickhouseReasons } from './reasons/clickhouse.js';
import { partnerReasons } from './reasons/partner.js';
import { productionReasons } from './reasons/production.js';
import { rpcReasons } from './reasons/rpc.js';
import { tokenReasons } from './reasons/token.js';
import type { ReasonDef } from './reasons/types.js';

export type { ReasonDef, Stage } from './reasons/types.js';

/**
 * The one catalogue of rejection reasons: every refusal the emulator makes has an entry here
 * with its HTTP status, where it happens, a plain-words message and a fix hint. Routes never
 * build error bodies by hand; they throw a `MockError` naming a reason.
 */
export const REASONS = {
  ...tokenReasons,
  ...rpcReasons,
  ...partnerReasons,
  ...guardReasons,
  ...clickhouseReasons,
  ...limitReasons,
  ...productionReasons,
} as const satisfies Record<string, ReasonDef>;

export type ReasonCode = keyof typeof REASONS;

export interface MockErrorOptions {
  /** A more specific message than the catalogue's (e.g. naming the field or claim). */
  message?: string;
  hint?: string;
  /** The field, claim or param that is wrong. */
  field?: string;
  /** Override the status (e.g. a US status passed through). */
  status?: number;
  cause?: unknown;
  /**
   * What an embed viewer is shown instead of `message`, for failures of a chart's data source:
   * DataLens's code and text, with no internal address and none of the server's own words
   * (`message` keeps those for the request journal and the control plane).
   */
  viewer?: ViewerError;
}

/** A data-source failure as DataLens shows it in an embed: its `ERR.DS_API…` code and default text. */
export interface ViewerError {
  code: string;
  message: string;
}

export class MockError extends Error {
  readonly reason: ReasonCode;
  readonly status: number;
  readonly hint: string;
  readonly field?: string;
  readonly viewer?: ViewerError;

  constructor(reason: ReasonCode, options: MockErrorOptions = {}) {
    const def: ReasonDef = REASONS[reason];
    super(options.message ?? def.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MockError';
    this.reason = reason;
    this.status = options.status ?? def.status;
    this.hint = options.hint ?? def.hint;
    this.field = options.field;
    if (options.viewer) this.viewer = options.viewer;
  }

  get def(): ReasonDef {
    return REASONS[this.reason];
  }

  /** The `mock` explanation the emulator adds to DataLens bodies. */
  get explanation(): { reason: ReasonCode; message: string; hint: string } {
    return { reason: this.reason, message: this.message, hint: this.hint };
  }
}

export function isMockError(e: unknown): e is MockError {
  return e instanceof MockError;
}
