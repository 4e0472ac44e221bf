// Where real DataLens lives today (docs/fidelity.md, "Today's production (2026-12)"). A user's app
// hardcodes these origins: the embed host in the iframe `src` and as the postMessage targetOrigin of
// token updates, the Public API host in its provisioning scripts. So the emulator answers under them
// too: the Playwright fixture routes them to the test's namespace, `serve --tls` has a certificate for
// them, and the host check always allows them.

/** The production host of private embeds (`/embeds/chart`, `/embeds/dash`) since September 2025. */
export const PRODUCTION_ORIGIN = 'https://datalens.ru';

/** The embed host of DataLens's original documentation; its `/embeds/*` redirects to {@link PRODUCTION_ORIGIN}. */
export const LEGACY_ORIGIN = 'https://datalens.yandex.cloud';

/** The day production switched the legacy host's `/embeds/*` redirect on. */
export const LEGACY_REDIRECT_SINCE = '2025-10-09';

/** The control plane: the DataLens Public API (`POST /rpc/<method>`). */
export const PUBLIC_API_ORIGIN = 'https://api.datalens.tech';

/** The origins that serve embeds, the production one first. */
export const PRODUCTION_ORIGINS: readonly string[] = [PRODUCTION_ORIGIN, LEGACY_ORIGIN];

/** The origins of the control plane. */
export const CONTROL_PLANE_ORIGINS: readonly string[] = [PUBLIC_API_ORIGIN];

/** Every origin a user's code may hardcode: embeds and control plane (what the fixture routes by default). */
export const ALL_PRODUCTION_ORIGINS: readonly string[] = [...PRODUCTION_ORIGINS, ...CONTROL_PLANE_ORIGINS];

/** The host names of {@link ALL_PRODUCTION_ORIGINS}: answered by the host check, named by the TLS certificate. */
export const PRODUCTION_HOSTS: readonly string[] = ALL_PRODUCTION_ORIGINS.map((o) => new URL(o).hostname);

/** The host name of the legacy embed origin. */
export const LEGACY_HOST = new URL(LEGACY_ORIGIN).hostname;

/**
 * Paths of the production embed page (docs/fidelity.md, "Paths of the production page"): its `DL` data
 * names `apiPrefix` and `endpoints.charts`; data is run at `{charts}{apiPrefix}/run`, export at `{apiPrefix}/export`.
 */
export const PRODUCTION_PAGE_PATHS = {
  apiPrefix: '/embeds/api',
  charts: '/charts',
} as const;

/** Where the emulator mounts the gateway besides `--api-prefix`: the paths production pages call. */
export const PRODUCTION_GATEWAY_PREFIXES: readonly string[] = [`${PRODUCTION_PAGE_PATHS.charts}${PRODUCTION_PAGE_PATHS.apiPrefix}`, PRODUCTION_PAGE_PATHS.apiPrefix];

const REDIRECTED_PATH = /^(?:\/_ns\/[^/?#]+)?\/embeds(?:[/?]|$)/;

/**
 * Where a page navigation to the legacy host goes today: `/embeds/*` on the legacy host → the same path and
 * query on {@link PRODUCTION_ORIGIN} (the browser keeps the hash across a redirect). A test-kit namespace
 * (`/_ns/<name>/embeds/…`) keeps its prefix. Undefined when production would not redirect: another host,
 * or a path outside `/embeds`. `pathAndQuery` is the request target as sent (`/embeds/dash?x=1`).
 */
export function legacyRedirectLocation(host: string | undefined, pathAndQuery: string): string | undefined {
  if (host !== LEGACY_HOST || !REDIRECTED_PATH.test(pathAndQuery)) return undefined;
  return `${PRODUCTION_ORIGIN}${pathAndQuery}`;
}

/** True for an origin string naming the legacy embed host (`https://datalens.yandex.cloud`, with or without `/`). */
export function isLegacyOrigin(origin: string): boolean {
  try {
    return new URL(origin).hostname === LEGACY_HOST;
  } catch {
    return false;
  }
}
