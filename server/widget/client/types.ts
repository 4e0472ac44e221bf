// Shapes of what the gateway answers (CONTRACT §3) and what the server puts in window.DL.
import type { ChartTable } from './charts/series.js';

/** Set by the page shell (server/widget/html.ts). */
export interface PageConfig {
  page: 'chart' | 'dash';
  /** As DataLens: `{mode: 'chart'}` on chart pages, `true` on dash pages (fact sheet §1.1). */
  embed: { mode: 'chart' } | boolean;
  apiPrefix: string;
  /** Parent origins whose postMessage commands are accepted; `*` = any. */
  allowedParentOrigins: string[];
  version: string;
}

export interface RunResponse {
  entryId: string;
  params: Record<string, unknown>;
  data?: ChartTable;
  config?: { title?: string; visualization?: string };
  widgetConfig?: { enableExport?: boolean };
  precedence?: string;
  trace?: unknown;
  uiScheme?: { controls?: UiControl[] };
}

export interface UiControl {
  id?: string;
  param: string;
  label?: string;
  type?: 'select' | 'input';
  sourceType?: string;
  options?: string[];
  value?: string | string[];
  disabled?: boolean;
  because?: string;
}

export interface DashWidgetItem {
  id: string;
  type: 'widget';
  chartId: string;
  title?: string;
}

export interface DashControlItem {
  id: string;
  type: 'control';
  sourceType: 'manual' | 'dataset' | 'external';
  param: string;
  label?: string;
  options?: string[];
  chartId?: string;
  column?: string;
  defaultValue?: string | string[];
}

export interface DashTab {
  id: string;
  title: string;
  aliases?: Record<string, string[][]>;
  items: (DashWidgetItem | DashControlItem)[];
}

export interface DashConfig {
  entryId: string;
  scope: 'dash';
  data: { settings?: { globalParams?: Record<string, string | string[]> }; tabs: DashTab[] };
}
