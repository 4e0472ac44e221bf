import * as z from 'zod';
import { ID_PATTERN } from '../core/ids.js';
import { structuredQuery } from '../datasources/structured.js';

/** Zod schemas of the control-plane bodies. Also used by the seed-file schema. */
export const id = z.string().regex(ID_PATTERN, 'must be a 13-character DataLens ID ([0-9a-z] only), e.g. "7ksk3f9x2b1qa"');
export const paramValue = z.union([z.string(), z.array(z.string())]);
export const params = z.record(z.string(), paramValue);
const title = z.string().min(1, 'must not be empty').max(512);
const paramNames = z.array(z.string().min(1));

export const createWorkbook = z.object({ title, workbookId: id.optional() }).strict();

export const createEmbeddingSecret = z
  .object({ workbookId: id, title, publicKey: z.string().optional(), embeddingSecretId: id.optional() })
  .strict();
export const embeddingSecretRef = z.object({ embeddingSecretId: id }).strict();
export const workbookRef = z.object({ workbookId: id }).strict();

const cell = z.union([z.string(), z.number(), z.null()]);
export const chartBody = {
  title,
  visualization: z.enum(['table', 'bar', 'line', 'pie', 'indicator']).optional(),
  rows: z.array(z.record(z.string(), cell)).optional(),
  sql: z.string().min(1).optional(),
  /** A chart on a partner connection defined by structure: the emulator writes its SQL (server/datasources/structured.ts). */
  query: structuredQuery.optional(),
  connectionId: id.optional(),
  filters: z.array(z.object({ param: z.string().min(1), column: z.string().min(1) }).strict()).optional(),
  params: params.optional(),
};
export const createChart = z.object({ workbookId: id, entryId: id.optional(), ...chartBody }).strict();

const control = z
  .object({
    id: z.string().min(1),
    type: z.literal('control'),
    sourceType: z.enum(['manual', 'dataset', 'external', 'connection']),
    param: z.string().min(1),
    namespace: z.string().min(1).optional(),
    label: z.string().optional(),
    options: z.array(z.string()).optional(),
    chartId: z.string().optional(),
    column: z.string().optional(),
    defaultValue: paramValue.optional(),
    multiselectable: z.boolean().optional(),
  })
  .strict();
const widget = z.object({ id: z.string().min(1), type: z.literal('widget'), chartId: z.string().min(1), title: z.string().optional() }).strict();
export const dashTab = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    aliases: z.record(z.string(), z.array(z.array(z.string()))).optional(),
    items: z.array(z.discriminatedUnion('type', [widget, control])),
  })
  .strict();
export const dashBody = {
  title,
  settings: z.object({ globalParams: params.optional() }).strict().optional(),
  tabs: z.array(dashTab).min(1, 'a dashboard needs at least one tab'),
};
export const createDashboard = z.object({ workbookId: id, entryId: id.optional(), ...dashBody }).strict();
export const entryRef = z.object({ entryId: id }).strict();

export const embedFields = {
  title,
  embeddingSecretId: id,
  depsIds: z.array(id).optional(),
  unsignedParams: paramNames.optional(),
  privateParams: paramNames.optional(),
  publicParamsMode: z.boolean().optional(),
  settings: z.object({ enableExport: z.boolean().optional() }).strict().optional(),
};
export const createEmbed = z.object({ ...embedFields, entryId: id, embedId: id.optional() }).strict();
export const embedRef = z.object({ embedId: id }).strict();
export const updateEmbed = z
  .object({ embedId: id, ...embedFields, title: title.optional(), embeddingSecretId: id.optional() })
  .strict();

export type CreateChart = z.infer<typeof createChart>;
export type CreateDashboard = z.infer<typeof createDashboard>;
export type CreateEmbed = z.infer<typeof createEmbed>;

export const updateChart = z.object({ entryId: id, ...chartBody }).strict();
export const updateDashboard = z.object({ entryId: id, ...dashBody }).strict();
