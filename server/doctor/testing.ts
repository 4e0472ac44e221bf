// Helpers for the doctor's own tests (not used at run time): the corpus in
// server/doctor/corpus/, loaded into a seeded emulator with its clock pinned.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockApp } from '../server.js';
import { makeApp } from '../testing/fixtures.js';
import type { PrecedenceSetting } from '../core/types.js';
import { CODES, type DlmCode } from './codes/index.js';
import { emulatorEnv, offlineEnv, type DoctorEnv, type PartnerView } from './env.js';

export const CORPUS_DIR = join(import.meta.dirname, 'corpus');

export interface CorpusCase {
  group: 'token' | 'link' | 'partner';
  name: string;
  input: string;
  /** Exactly the codes the doctor must report (none for a valid input). */
  expect: DlmCode[];
  /** `server` (default): inside the seeded emulator. `offline`: as the CLI without --server. */
  mode?: 'server' | 'offline';
  /** A key of keys.json given as --key (`name:private` for its private half, `garbage` for junk). */
  key?: string;
  precedence?: PrecedenceSetting;
  /** `none`: the emulator has no partner connector. */
  partner?: 'none';
  /** Text one finding's message must contain. */
  message?: string;
  /** Text one summary value must contain. */
  summary?: string;
}

export interface Corpus {
  clock: number;
  datalensKeyVersion: number;
  cases: CorpusCase[];
  keys: Record<string, string>;
  seed: unknown;
}

const readJson = (name: string) => JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8'));

export function loadCorpus(): Corpus {
  const { clock, datalensKeyVersion, cases } = readJson('corpus.json');
  return { clock, datalensKeyVersion, cases, keys: readJson('keys.json'), seed: readJson('seed.json') };
}

const publicOf = (pem: string) => createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();

/** The key text a case passes as --key. */
export function caseKey(corpus: Corpus, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key === 'garbage') return '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n';
  const [name, half] = key.split(':');
  return half === 'private' ? corpus.keys[name] : publicOf(corpus.keys[name]);
}

/** The corpus connector (partner key versions 1 and 2) and DataLens key version 5. */
export function corpusPartner(corpus: Corpus, withConnector = true): PartnerView {
  const datalens = createPrivateKey(corpus.keys.datalens);
  const pub = (name: string) => createPublicKey(createPrivateKey(corpus.keys[name]));
  return {
    datalensVersions: () => [corpus.datalensKeyVersion],
    datalensKey: (v) => (v === corpus.datalensKeyVersion ? datalens : undefined),
    connectors: () =>
      withConnector ? [{ connectorId: 'dccorpusconn1', title: 'Corpus connector', keys: new Map([[1, pub('partner1')], [2, pub('partner2')]]) }] : [],
  };
}

/** An emulator seeded with the corpus seed, its clock pinned to the corpus clock. */
export async function corpusApp(corpus: Corpus): Promise<MockApp> {
  const mock = await makeApp(corpus.seed as Parameters<typeof makeApp>[0]);
  mock.ctx.clock.set(corpus.clock);
  return mock;
}

/** The environment a case runs in: the seeded emulator (with the corpus partner side) or offline. */
export async function caseEnv(corpus: Corpus, mock: MockApp, c: CorpusCase): Promise<DoctorEnv> {
  const key = caseKey(corpus, c.key);
  if (c.mode === 'offline') return offlineEnv({ key, now: corpus.clock });
  mock.ctx.settings.precedence = c.precedence ?? 'signed-wins';
  const env = await emulatorEnv(mock.ctx, { key });
  env.emulator!.partner = corpusPartner(corpus, c.partner !== 'none');
  return env;
}

/**
 * The code table of docs/doctor.md as it must read: one row per code, from the table in code
 * (server/doctor/codes). codes.test.ts keeps the two in step.
 */
export function codesMarkdownTable(): string {
  const cell = (s: string) => s.replace(/[|<>]/g, (c) => `\\${c}`);
  const rows = Object.entries(CODES).map(([code, def]) => {
    const reason = 'reason' in def && def.reason ? `\`${def.reason}\`` : '';
    return `| ${code} | ${def.group} | ${def.severity} | ${cell(def.message)} | ${cell(def.hint)} | ${reason} |`;
  });
  return ['| Code | Group | Severity | What is wrong | How to fix | Emulator reason |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
