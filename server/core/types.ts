// Domain types, named as in DataLens. Shared by every module.

/** A param value as DataLens expects it: a string or an array of strings (DataLens docs, "Create a token"). */
export type ParamValue = string | string[];
export type Params = Record<string, ParamValue>;

export interface Workbook {
  workbookId: string;
  title: string;
  createdAt: string;
}

/**
 * A key for embedding. Only the public key is stored, as in US's `embedding_secrets`:
 * the private key is returned once by createEmbeddingSecret and never kept.
 */
export interface EmbeddingSecret {
  embeddingSecretId: string;
  workbookId: string;
  title: string;
  publicKey: string;
  createdBy: string;
  createdAt: string;
}

export type Visualization = 'table' | 'bar' | 'line' | 'pie' | 'indicator';

/** `filters`: keep the rows whose `column` equals the param's value (or is one of its values). */
export interface ChartFilter {
  param: string;
  column: string;
}

export interface ChartData {
  visualization: Visualization;
  rows?: Record<string, string | number | null>[];
  sql?: string;
  /** A chart on a partner connection defined by structure (server/datasources/structured.ts). */
  query?: ChartQuery;
  connectionId?: string;
  filters?: ChartFilter[];
  /** The chart's own default params (what the real client sends as widget defaults). */
  params?: Params;
}

/** A structured chart: a table of the connection's database, its columns, filters by param, an order and a limit. */
export interface ChartQuery {
  table: string;
  columns: (string | { column: string; aggregation?: 'sum' | 'avg' | 'min' | 'max' | 'count' | 'countDistinct'; as?: string })[];
  filters?: { column: string; param: string }[];
  orderBy?: { column: string; direction?: 'asc' | 'desc' }[];
  limit?: number;
}

/** `connection` is DataLens's typed-query selector: its values come from a query on a connection. */
export type ControlSourceType = 'manual' | 'dataset' | 'external' | 'connection';

export interface DashWidgetItem {
  id: string;
  type: 'widget';
  chartId: string;
  title?: string;
}

export interface DashControlItem {
  id: string;
  type: 'control';
  sourceType: ControlSourceType;
  /** The param the selector writes (`source.fieldName` / `source.datasetFieldId` in DataLens). */
  param: string;
  /** DataLens's alias namespace of the item (`tab.aliases[namespace]`); none means 'default'. */
  namespace?: string;
  label?: string;
  /** Manual selectors: the values offered. */
  options?: string[];
  /** Dataset and connection selectors: the chart whose data gives the distinct values, and its column (default: param). */
  chartId?: string;
  column?: string;
  defaultValue?: ParamValue;
  multiselectable?: boolean;
}

export type DashItem = DashWidgetItem | DashControlItem;

export interface DashTab {
  id: string;
  title: string;
  /** `aliases[namespace]` is a list of groups of param names that are linked (docs/fidelity.md, "Selector disabling"). */
  aliases?: Record<string, string[][]>;
  items: DashItem[];
}

export interface DashData {
  settings: { globalParams?: Params };
  tabs: DashTab[];
}

interface EntryBase {
  entryId: string;
  workbookId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** A chart. DataLens scope `widget`. */
export interface ChartEntry extends EntryBase {
  scope: 'widget';
  data: ChartData;
}

/** A dashboard. DataLens scope `dash`. */
export interface DashEntry extends EntryBase {
  scope: 'dash';
  data: DashData;
}

export type Entry = ChartEntry | DashEntry;

export interface EmbedSettings {
  enableExport?: boolean;
}

/**
 * An embed, with every field of US's `embeds` table.
 * Naming trap kept from DataLens: `unsignedParams` is the allow-list used when
 * `publicParamsMode` is true ("Disable all"), `privateParams` is the deny-list of *unsigned* params
 * used when `publicParamsMode` is false ("Enable all"). Neither lists signed params.
 */
export interface Embed {
  embedId: string;
  title: string;
  embeddingSecretId: string;
  entryId: string;
  depsIds: string[];
  unsignedParams: string[];
  privateParams: string[];
  publicParamsMode: boolean;
  settings: EmbedSettings;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** Precedence between signed and unsigned params (docs/params.md, "Precedence rules"). */
export type PrecedenceRule = 'signed-wins' | 'unsigned-wins';
export type PrecedenceSetting = PrecedenceRule | 'by-date';
