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
  /**
   * Strict token checks (default false, as production): iat and exp required, signed and unsigned
   * param values strings or arrays of strings (docs/fidelity.md, "Token rules").
   */
  strict?: boolean;
  /** Seconds of clock skew tolerated on exp (default 0, as jsonwebtoken). */
  clockToleranceSec?: number;
  /** Unix seconds of the by-date cutover (default 2025-08-26T00:00:00+03:00). */
  precedenceCutover?: number;
  /** Parent origins whose postMessage the embed page accepts (default: any). */
  allowedParentOrigins?: string[];
  /** Extra Host names the server answers, besides the loopback names, the bound host and the production hosts. */
  allowedHosts?: string[];
  /** Refuse a token whose iat is more than clockToleranceSec ahead of the emulator clock (default false, as DataLens). */
  strictIat?: boolean;
  /**
   * Answer admin calls (writes outside the gateway API, token minting, the demo page, the doctor's
   * outbound connections) from other machines too (default false: loopback clients only). docs/security.md.
   */
  allowRemoteAdmin?: boolean;
  /** Print request logs. */
  quiet?: boolean;
  /**
   * Keep the request journal (default true). `false`: nothing is recorded and `GET /_mock/journal`
   * answers an empty list, for load tests that want the last bit of speed (docs/testing.md).
   */
  journal?: boolean;
  /**
   * Serve HTTPS (`serve --tls`) with a certificate for localhost, 127.0.0.1, ::1, the bound host, the
   * production hosts and `allowedHosts`, signed by a local CA kept in `<dataDir>/tls/` (a temporary
   * folder when in memory). The started server's `tls` says where the CA is. See docs/production-app.md.
   */
  tls?: boolean;
  /** With `tls`: replace the local CA (e.g. an expired or unreadable one) instead of refusing to start. */
  tlsRenew?: boolean;
  /** Embedded queries allowed per month (`serve --embed-query-limit`); unset: the meter is off. */
  embedQueryLimit?: number;
  /**
   * Redirect a page navigation to the legacy host's `/embeds/*` to `https://datalens.ru`, as production does
   * since 2025-10-09 (default true). `false` serves the legacy host directly, as production did before
   * (`serve --legacy-host-direct`). See docs/fidelity.md, "Hosts and the redirect".
   */
  legacyRedirect?: boolean;
}

/** What /_mock/settings reads and writes at run time. */
export interface RuntimeSettings {
  precedence: PrecedenceSetting;
  strict: boolean;
  clockToleranceSec: number;
  precedenceCutover: number;
  allowedParentOrigins: string[];
  /** Refuse an iat in the future (beyond clockToleranceSec); off by default, as DataLens accepts it. */
  strictIat: boolean;
  /** Embedded queries (chart and selector runs) allowed per month of the emulator clock; null: no meter (default). */
  embedQueryLimit: number | null;
  /** Redirect the legacy host's `/embeds/*` to datalens.ru (default true, as production since 2025-10-09). */
  legacyRedirect: boolean;
}

export function initialSettings(o: ServerOptions): RuntimeSettings {
  return {
    precedence: o.precedence ?? 'signed-wins',
    strict: o.strict ?? false,
    clockToleranceSec: o.clockToleranceSec ?? 0,
    precedenceCutover: o.precedenceCutover ?? DEFAULT_CUTOVER,
    allowedParentOrigins: o.allowedParentOrigins ?? ['*'],
    strictIat: o.strictIat ?? false,
    embedQueryLimit: o.embedQueryLimit ?? null,
    legacyRedirect: o.legacyRedirect ?? true,
  };
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: '.datalens-mock',
  apiPrefix: '/api',
} as const;

/**
 * Where `serve --tls` keeps its local CA certificate inside a data dir (server/tls: its TLS_DIR and
 * CA_CERT_FILE; a test checks that they agree). Here for the doctor, which sits below tls/.
 */
export const CA_CERT_IN_DATA_DIR = ['tls', 'ca.pem'] as const;
