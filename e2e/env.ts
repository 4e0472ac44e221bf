// Where the e2e servers listen (playwright.config.ts starts them; env vars move them).
export const EMULATOR_URL = `http://127.0.0.1:${Number(process.env.DL_E2E_EMULATOR_PORT ?? 18610)}`;
export const HOST_URL = `http://127.0.0.1:${Number(process.env.DL_E2E_HOST_PORT ?? 18611)}`;
