// Shapes of what the gateway answers (README, "What the emulator serves") and what the server puts in window.DL.
import type { ChartTable } from './charts/series.js';

/** Set by the page shell (server/embed-page/html.ts). */
export interface PageConfig {
  page: 'chart' | 'dash';
  /** As DataLens: `{mode: 'chart'}` on chart pages, `true` on dash pages. */
  embed: { mode: 'chart' } | boolean;
  /** As production: `/embeds/api`; data runs at `{endpoints.charts}{apiPrefix}/run`. */
  apiPrefix: string;
  /** As production: `{charts: '/charts'}`. */
  endpoints?: { charts?: string };
  /** Emulator only: the path the app is mounted under (`''` at the root, `/_ns/<name>` in a namespace). */
  appBase?: string;
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

// The dashboard's shapes are the server's own (server/core/types.ts): one definition for both sides.
export type { DashControlItem, DashTab, DashWidgetItem } from '../../core/types.js';
import type { DashTab } from '../../core/types.js';

export interface DashConfig {
  entryId: string;
  scope: 'dash';
  data: { settings?: { globalParams?: Record<string, string | string[]> }; tabs: DashTab[] };
}
