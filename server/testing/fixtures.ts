// Helpers for the project's own tests (not shipped): a seeded in-memory app and token minting.
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { MAX_HEADER_SIZE, createMockApp, type MockApp } from '../server.js';
import type { SeedFileInput } from '../seed/schema.js';
import { DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY } from '../seed/demo-key.js';
import { SERVICE_MARK } from '../tokens/constants.js';

export { DEMO_PRIVATE_KEY, DEMO_PUBLIC_KEY };

export const IDS = {
  workbook: 'testworkbook1',
  secret: 'testsecret001',
  chart: 'testchart0001',
  chart2: 'testchart0002',
  dash: 'testdash00001',
  chartEmbed: 'testembed0001',
  dashEmbed: 'testembed0002',
} as const;

export const ROWS = [
  { region: 'North', category: 'A', amount: 10 },
  { region: 'South', category: 'B', amount: 20 },
  { region: 'North', category: 'B', amount: 30 },
];

/** A small seed: one key (the published demo key), two charts, a dash, a chart and a dash embed. */
export function basicSeed(): SeedFileInput {
  return {
    workbooks: [
      {
        id: IDS.workbook,
        title: 'Test',
        secrets: [{ key: 'k', id: IDS.secret, title: 'Test key', privateKey: DEMO_PRIVATE_KEY }],
        charts: [
          { key: 'c1', id: IDS.chart, title: 'Rows', visualization: 'table', rows: ROWS, filters: [{ param: 'region', column: 'region' }] },
          { key: 'c2', id: IDS.chart2, title: 'Other', visualization: 'bar', rows: ROWS },
        ],
        dashboards: [
          {
            key: 'd',
            id: IDS.dash,
            title: 'Dash',
            settings: { globalParams: { region: '' } },
            tabs: [
              {
                id: 't1',
                title: 'Tab 1',
                items: [
                  { id: 'sel', type: 'control', sourceType: 'manual', param: 'region', options: ['North', 'South'] },
                  { id: 'w1', type: 'widget', chartId: 'c1' },
                ],
              },
            ],
          },
        ],
        embeds: [
          { key: 'ce', id: IDS.chartEmbed, title: 'Chart embed', secret: 'k', entry: 'c1', publicParamsMode: false },
          { key: 'de', id: IDS.dashEmbed, title: 'Dash embed', secret: 'k', entry: 'd', publicParamsMode: false },
        ],
      },
    ],
  };
}

export async function makeApp(seed: SeedFileInput = basicSeed(), options: Parameters<typeof createMockApp>[0] = {}): Promise<MockApp> {
  return createMockApp({ inMemory: true, quiet: true, seedData: seed, ...options });
}

/** Signs any payload/header with any key: for hostile-token tests. */
export async function signRaw(
  payload: Record<string, unknown>,
  o: { alg?: string; key?: string | Uint8Array; header?: Record<string, unknown> } = {},
): Promise<string> {
  const alg = o.alg ?? 'PS256';
  const key = o.key instanceof Uint8Array ? o.key : createPrivateKey(o.key ?? DEMO_PRIVATE_KEY);
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...o.header }).sign(key);
}

export function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

/** A valid payload for an embed, overridable field by field. */
export function payloadFor(embedId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSec();
  return { embedId, dlEmbedService: SERVICE_MARK, iat: now, exp: now + 360, params: {}, ...extra };
}

export async function tokenFor(embedId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return signRaw(payloadFor(embedId, extra));
}

/** An http.Server for supertest that, like `serve`, accepts 30 KB tokens (Node's default is 16 KB). */
export function httpOf(mock: MockApp): Server {
  return createServer({ maxHeaderSize: MAX_HEADER_SIZE }, mock.app);
}

/**
 * Debian's python3 (where apt installs python3-jwt and python3-cryptography), not a pyenv or venv
 * python that happens to be first on PATH.
 */
export function systemPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}
