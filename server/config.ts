import type { PrecedenceSetting } from './types.js';

/** 2025-08-26T00:00:00+03:00: the public cutover date of the signed-wins rule (docs/fidelity.md, "Precedence history"). */
export const DEFAULT_CUTOVER = Date.parse('2025-08-26T00:00:00+03:00') / 1000;

/** Options of `datalens-mock serve` and `createMockServer()` (the public interface: README, "The command line"). */
export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  inMemory?: boolean;
  /** A seed file (YAML or JSON) applied at start and after every reset. */
  seed?: string;
  /** Seed objects given in code (same shape as a seed file). */
  seedData?: unknown;
  demo?: boolean;
  precedence?: PrecedenceSetting;
  apiPrefix?: string;
  /** Strict token checks (default true): iat/exp required, typed params, 30 KB cap. */
  strict?: boolean;
  /** Seconds of clock skew tolerated on exp (default 0, as jsonwebtoken). */
  clockToleranceSec?: number;
  /** Unix seconds of the by-date cutover (default 2025-08-26T00:00:00+03:00). */
  precedenceCutover?: number;
  /** Parent origins whose postMessage the embed page accepts (default: any). */
  allowedParentOrigins?: string[];
  /** Print request logs. */
  quiet?: boolean;
}

/** What /_mock/settings reads and writes at run time. */
export interface RuntimeSettings {
  precedence: PrecedenceSetting;
  strict: boolean;
  clockToleranceSec: number;
  precedenceCutover: number;
  allowedParentOrigins: string[];
}

export function initialSettings(o: ServerOptions): RuntimeSettings {
  return {
    precedence: o.precedence ?? 'signed-wins',
    strict: o.strict ?? true,
    clockToleranceSec: o.clockToleranceSec ?? 0,
    precedenceCutover: o.precedenceCutover ?? DEFAULT_CUTOVER,
    allowedParentOrigins: o.allowedParentOrigins ?? ['*'],
  };
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: '.datalens-mock',
  apiPrefix: '/api',
} as const;
