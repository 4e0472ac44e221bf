import * as z from 'zod';
import { partnerSeed } from '../partner/seed.js';
import * as s from '../rpc/schemas.js';

/**
 * The seed file (YAML or JSON): workbooks with their keys, charts, dashboards and embeds, plus the
 * embedded data source's tables. Objects may carry a fixed `id` and a local `key` that other
 * objects use to refer to them (a reference is a key or an ID).
 */
const ref = z.string().min(1);
const local = { key: z.string().min(1).optional(), id: s.id.optional() };

export const seedSecret = z
  .object({
    ...local,
    title: z.string().min(1),
    /** The public key to register: PEM, SPKI (`-----BEGIN PUBLIC KEY-----`) or PKCS#1. */
    publicKey: z.string().optional(),
    /**
     * A private key whose public half is registered; kept in memory only, to sign tokens. PEM,
     * PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`, as DataLens hands it out) or PKCS#8.
     */
    privateKey: z.string().optional(),
    /** A file holding `publicKey`, relative to the seed file. */
    publicKeyFile: z.string().min(1).optional(),
    /** A file holding `privateKey`, relative to the seed file (the public key is derived from it). */
    privateKeyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((x) => !(x.publicKey !== undefined && x.publicKeyFile !== undefined), { message: 'give publicKey or publicKeyFile, not both', path: ['publicKeyFile'] })
  .refine((x) => !(x.privateKey !== undefined && x.privateKeyFile !== undefined), { message: 'give privateKey or privateKeyFile, not both', path: ['privateKeyFile'] });

/** A chart; its `connectionId` may be the key of a seeded partner connection. */
export const seedChart = z.object({ ...local, ...s.chartBody, connectionId: ref.optional() }).strict();

export const seedDashboard = z.object({ ...local, ...s.dashBody }).strict();

export const seedEmbed = z
  .object({
    ...local,
    title: z.string().min(1),
    /** The key for embedding (key or ID). */
    secret: ref,
    /** The chart or dashboard (key or ID). */
    entry: ref,
    depsIds: z.array(ref).optional(),
    unsignedParams: z.array(z.string().min(1)).optional(),
    privateParams: z.array(z.string().min(1)).optional(),
    publicParamsMode: z.boolean().optional(),
    settings: z.object({ enableExport: z.boolean().optional() }).strict().optional(),
    /** Signed params to put in the tokens the emulator prints for this embed (demo links, test kit). */
    tokenParams: s.params.optional(),
    /** Unsigned params to put in the links the emulator prints. */
    linkParams: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  })
  .strict();

export const seedWorkbook = z
  .object({
    ...local,
    title: z.string().min(1),
    secrets: z.array(seedSecret).default([]),
    charts: z.array(seedChart).default([]),
    dashboards: z.array(seedDashboard).default([]),
    embeds: z.array(seedEmbed).default([]),
  })
  .strict();

export const seedFile = z
  .object({
    $schema: z.string().optional(),
    workbooks: z.array(seedWorkbook).default([]),
    datasource: z
      .object({ tables: z.record(z.string(), z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))) })
      .strict()
      .optional(),
    /** Partner connectors, client databases and connections (server/partner). */
    partner: partnerSeed.optional(),
  })
  .strict();

export type SeedFile = z.infer<typeof seedFile>;
export type SeedFileInput = z.input<typeof seedFile>;

/** The JSON Schema of the seed file, for editors (client-fixtures/seed.schema.json). */
export function seedJsonSchema(): unknown {
  return z.toJSONSchema(seedFile, { io: 'input', unrepresentable: 'any' });
}
