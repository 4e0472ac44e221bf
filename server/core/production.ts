// Where real DataLens serves embeds. A user's app hardcodes this origin in the iframe `src` and as
// the postMessage targetOrigin of token updates, so the emulator answers under it too: the
// Playwright fixture routes it to the test's namespace, `serve --tls` has a certificate for it, and
// the host check always allows it. See docs/fidelity.md ("Production origin").

/** The origins DataLens documents for `/embeds/chart` and `/embeds/dash`. */
export const PRODUCTION_ORIGINS: readonly string[] = ['https://datalens.yandex.cloud'];

/** The host names of {@link PRODUCTION_ORIGINS}. */
export const PRODUCTION_HOSTS: readonly string[] = PRODUCTION_ORIGINS.map((o) => new URL(o).hostname);
