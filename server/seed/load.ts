import { createPublicKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { parseYaml } from '../core/yaml.js';
import { putEmbeddedTable, type EmbeddedDatasource } from '../datasources/embedded.js';
import { MockError, isMockError } from '../errors/catalogue.js';
import { isId } from '../core/ids.js';
import type { PartnerRpcState } from '../partner/rpc.js';
import { applyPartnerSeed, type PartnerSeedResult } from '../partner/seed.js';
import { formatPath } from '../rpc/validate.js';
import { coreRpcMethods } from '../rpc/index.js';
import type { Embed, EmbeddingSecret, Entry, Params, Workbook } from '../core/types.js';
import type { SeedResult as PublicSeedResult, SeededEmbed } from './result.js';
import { seedFile, type SeedFile } from './schema.js';
import { KeyInputError, publicSpkiPem, readPrivateKey } from '../tokens/key-text.js';
import { registerKeyOrigins } from '../tokens/key-origin.js';

export type { SeededEmbed };

/** What seeding created (the public shape in ./result.ts), with the partner section's full types. */
export interface SeedResult extends PublicSeedResult {
  partner?: PartnerSeedResult;
}

export class SeedError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Seed ${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SeedError';
  }
}

/** Reads a YAML or JSON seed file. */
export async function readSeedFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SeedError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new SeedError(path, [`not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`]);
  }
}

/** Validates seed data against the schema; every problem names its path. */
export function parseSeed(data: unknown, source = 'seed'): SeedFile {
  // jitless: a seed is parsed once per start (or on-disk reset), and zod's compiled fast path for
  // its many object schemas costs more to generate (~15 ms at start) than it saves on one parse.
  const result = seedFile.safeParse(data ?? {}, { jitless: true });
  if (result.success) return result.data;
  throw new SeedError(
    source,
    result.error.issues.map((i) => {
      const msg = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
      return `${formatPath(i.path)}: ${msg}`;
    }),
  );
}

/** Where a seed's relative key files are read from: the seed file's folder, or the working directory. */
function seedBaseDir(source: string): string {
  try {
    if (statSync(source).isFile()) return dirname(resolve(source));
  } catch {
    /* not a file: seedData, demo */
  }
  return process.cwd();
}

type SeedSecret = SeedFile['workbooks'][number]['secrets'][number];

/**
 * A seed key's PEM texts from inline values or files (relative to the seed), the public key
 * derived from the private one where only that is given, and where it came from in words (the
 * hints name it). A mistake in a key says how to fix it.
 */
function seedKeys(sec: SeedSecret, base: string, at: string, source: string): { publicKey?: string; privateKey?: string; origin: string } {
  const fail = (problem: string): never => {
    throw new SeedError(source, [`${at}: ${problem}`]);
  };
  const file = (name: string, field: string): string => {
    const path = resolve(base, name);
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      return fail(`${field} ${JSON.stringify(name)}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); paths are relative to the seed file.`);
    }
  };
  const privateKey = sec.privateKeyFile !== undefined ? file(sec.privateKeyFile, 'privateKeyFile') : sec.privateKey;
  let publicKey = sec.publicKeyFile !== undefined ? file(sec.publicKeyFile, 'publicKeyFile') : sec.publicKey;
  if (privateKey !== undefined) {
    const field = sec.privateKeyFile !== undefined ? `privateKeyFile ${JSON.stringify(sec.privateKeyFile)}` : 'privateKey';
    let key;
    try {
      key = readPrivateKey(privateKey, field);
    } catch (e) {
      return fail(e instanceof KeyInputError ? e.message : `${field}: not a readable PEM private key (${(e as Error).message})`);
    }
    const derived = publicSpkiPem(key);
    if (publicKey === undefined) publicKey = derived;
    else {
      let given: string | undefined;
      try {
        given = createPublicKey(publicKey).export({ type: 'spki', format: 'pem' }).toString();
      } catch {
        /* createEmbeddingSecret names what is wrong with it */
      }
      if (given !== undefined && given !== derived) fail(`${field} is not the private half of ${sec.publicKeyFile !== undefined ? 'publicKeyFile' : 'publicKey'}; give one of them, or the matching pair.`);
    }
  }
  const named = (f: string) => relative(process.cwd(), resolve(base, f)) || f;
  const origin =
    sec.privateKeyFile !== undefined
      ? `the seed's key (file ${named(sec.privateKeyFile)})`
      : sec.privateKey !== undefined
        ? `the seed's key (privateKey in ${source})`
        : sec.publicKeyFile !== undefined
          ? `the private half of the seed's public key file ${named(sec.publicKeyFile)}`
          : sec.publicKey !== undefined
            ? `the private half of the seed's publicKey (${source})`
            : `the seed's key (generated by the emulator; sign with /_mock/tokens, dl.token or mock.seed.embeds.<key>.privateKey)`;
  return { publicKey, privateKey, origin };
}

/** What seeding writes to: the /rpc state with the partner service, and the embedded data source's tables. */
export type SeedTarget = PartnerRpcState & { datasource: EmbeddedDatasource };

/**
 * Applies a seed through the same /rpc methods users call, so the same validation holds.
 * Errors name the seed path of the object that failed. The IDs of the keys it generated (secrets
 * without privateKey or publicKey) are added to `generatedKeys`.
 */
export async function applySeed(ctx: SeedTarget, seed: SeedFile, source = 'seed', generatedKeys: string[] = []): Promise<SeedResult> {
  const result: SeedResult = { workbooks: {}, secrets: {}, entries: {}, embeds: {} };
  const base = seedBaseDir(source);
  const call = async <T>(method: string, body: unknown, at: string): Promise<T> => {
    try {
      return (await coreRpcMethods[method](ctx, body)) as T;
    } catch (e) {
      if (isMockError(e)) throw new SeedError(source, [`${at}${e.field && !e.message.includes(e.field) ? `.${e.field}` : ''}: ${e.message}`]);
      throw e;
    }
  };

  for (const [name, rows] of Object.entries(seed.datasource?.tables ?? {})) {
    putEmbeddedTable(ctx, name, rows);
  }

  // 1. Workbooks first: partner connections (2) live in them, charts (3) may read those connections.
  const workbooks = [];
  for (const [w, wb] of seed.workbooks.entries()) {
    // A fixed workbook ID makes the seed idempotent on a persistent data dir: the workbook is
    // replaced (with everything in it) on every start and reset.
    if (wb.id && ctx.store.workbooks.get(wb.id)) ctx.store.workbooks.delete(wb.id);
    const workbook = await call<Workbook>('createWorkbook', { title: wb.title, workbookId: wb.id }, `workbooks[${w}]`);
    result.workbooks[wb.key ?? workbook.workbookId] = workbook;
    workbooks.push(workbook);
  }

  // 2. Partner connectors, client databases and connections (server/partner).
  const connectionIds = new Map<string, string>();
  if (seed.partner) {
    if (!ctx.partner) throw new SeedError(source, ['partner: partner connectors are not available in this emulator']);
    const workbookIds = Object.fromEntries(Object.entries(result.workbooks).map(([k, w]) => [k, w.workbookId]));
    try {
      const partner = applyPartnerSeed(ctx.partner, seed.partner, workbookIds);
      for (const [k, c] of Object.entries(partner.connections)) connectionIds.set(k, c.connectionId);
      result.partner = partner;
    } catch (e) {
      if (isMockError(e)) throw new SeedError(source, [`partner${e.field ? `.${e.field}` : ''}: ${e.message}`]);
      throw e;
    }
  }

  // 3. Per workbook: keys, charts, dashboards, embeds; each may refer to earlier ones by key.
  for (const [w, wb] of seed.workbooks.entries()) {
    const at = `workbooks[${w}]`;
    const workbook = workbooks[w];
    const ids = new Map<string, string>(connectionIds);
    const resolve = (r: string, where = at) => {
      const found = ids.get(r);
      if (found) return found;
      if (isId(r)) return r;
      throw new SeedError(source, [
        `${where}: "${r}" is neither the key of an object defined earlier in this workbook nor a 13-character DataLens ID ([0-9a-z], e.g. "7ksk3f9x2b1qa")`,
      ]);
    };

    for (const [i, sec] of wb.secrets.entries()) {
      const given = seedKeys(sec, base, `${at}.secrets[${i}]`, source);
      const created = await call<EmbeddingSecret & { privateKey?: string }>(
        'createEmbeddingSecret',
        { workbookId: workbook.workbookId, title: sec.title, publicKey: given.publicKey, embeddingSecretId: sec.id },
        `${at}.secrets[${i}]`,
      );
      const privateKey = given.privateKey ?? created.privateKey;
      if (!given.privateKey && created.privateKey) generatedKeys.push(created.embeddingSecretId);
      if (sec.key) ids.set(sec.key, created.embeddingSecretId);
      result.secrets[sec.key ?? created.embeddingSecretId] = { ...created, privateKey, keyOrigin: given.origin };
    }
    for (const [i, { key, id, ...chart }] of wb.charts.entries()) {
      const connectionId = chart.connectionId && resolve(chart.connectionId, `${at}.charts[${i}].connectionId`);
      const e = await call<Entry>('createChart', { ...chart, connectionId, workbookId: workbook.workbookId, entryId: id }, `${at}.charts[${i}]`);
      if (key) ids.set(key, e.entryId);
      result.entries[key ?? e.entryId] = e;
    }
    for (const [i, { key, id, ...dash }] of wb.dashboards.entries()) {
      const tabs = dash.tabs.map((t) => ({
        ...t,
        items: t.items.map((it) => (it.type === 'widget' || it.chartId ? { ...it, chartId: resolve(it.chartId!, `${at}.dashboards[${i}].tabs.items[${it.id}].chartId`) } : it)),
      }));
      const e = await call<Entry>('createDashboard', { ...dash, tabs, workbookId: workbook.workbookId, entryId: id }, `${at}.dashboards[${i}]`);
      if (key) ids.set(key, e.entryId);
      result.entries[key ?? e.entryId] = e;
    }
    for (const [i, em] of wb.embeds.entries()) {
      const { key, id, secret, entry, depsIds, tokenParams, linkParams, ...fields } = em;
      const embed = await call<Embed>(
        'createEmbed',
        {
          ...fields,
          embedId: id,
          embeddingSecretId: resolve(secret, `${at}.embeds[${i}].secret`),
          entryId: resolve(entry, `${at}.embeds[${i}].entry`),
          depsIds: depsIds?.map((d, j) => resolve(d, `${at}.embeds[${i}].depsIds[${j}]`)),
        },
        `${at}.embeds[${i}]`,
      );
      const sec = Object.values(result.secrets).find((x) => x.embeddingSecretId === embed.embeddingSecretId);
      const scope = ctx.store.entries.get(embed.entryId)!.scope;
      result.embeds[key ?? embed.embedId] = { ...embed, scope, privateKey: sec?.privateKey, tokenParams, linkParams };
    }
  }
  registerKeyOrigins(ctx.keys, result);
  return result;
}

export { MockError };
