// What the embed pages send as unsigned params (docs/fidelity.md, "Dashboard link params"; DataLens docs, "Things to
// consider when embedding dashboards"). Pure and free of Node imports: the browser page bundles it.
import type { DashControlItem, DashData, DashTab, ParamValue, Params } from '../core/types.js';
import { DISPLAY_OPTION_NAMES, withoutDisplayOptions } from '../links/display-options.js';
import type { ParamSource, ShadowedCandidate } from './trace.js';

export interface IgnoredLinkParam {
  name: string;
  why: string;
}

/**
 * DataLens URL options (`URL_OPTIONS` in the UI): page settings, never params. The display options
 * (server/links/display-options.ts) are read by the page and left out of every params view; the
 * others are listed as ignored.
 */
export const URL_OPTIONS: readonly string[] = [...DISPLAY_OPTION_NAMES, '_action_params'];
const URL_OPTION_WHY = 'a DataLens URL option (page setting), not a param';

/** The query of a link without its display options: what the page reads params from. */
function paramsQuery(link: string | URLSearchParams): URLSearchParams {
  return withoutDisplayOptions(toSearchParams(link));
}

/** Accepts `?a=1&b=2`, `a=1`, a full link (the `#dl_embed_token=…` fragment is never read) or URLSearchParams. */
export function toSearchParams(link: string | URLSearchParams): URLSearchParams {
  if (typeof link !== 'string') return link;
  const noHash = link.split('#')[0] ?? '';
  const q = noHash.includes('?') ? noHash.slice(noHash.indexOf('?') + 1) : noHash.includes('=') ? noHash : '';
  return new URLSearchParams(q);
}

/**
 * Unsigned params of an embedded chart: every query key (a repeated key becomes an array) except
 * DataLens URL options (display options are left out of `ignored` too: they are not params at all). The chart page itself is private in DataLens; this is [infer].
 */
export function readChartLink(link: string | URLSearchParams): { params: Params; sources: Record<string, ParamSource>; ignored: IgnoredLinkParam[] } {
  const search = paramsQuery(link);
  const params: Params = {};
  const sources: Record<string, ParamSource> = {};
  const ignored: IgnoredLinkParam[] = [];
  for (const name of new Set(search.keys())) {
    if (URL_OPTIONS.includes(name)) {
      ignored.push({ name, why: URL_OPTION_WHY });
      continue;
    }
    const all = search.getAll(name);
    define(params, name, all.length === 1 ? all[0] : all);
    define(sources, name, 'link');
  }
  return { params, sources, ignored };
}

export interface DashLink {
  /** Link params declared in `settings.globalParams`, always arrays (`getAll`). */
  params: Record<string, string[]>;
  /** The tab to open: `tab` when it names a tab, else the first tab. */
  tab: DashTab | undefined;
  /** The `tab` value of the link, or null. */
  requestedTab: string | null;
  /** True when `tab` named no tab and the first tab was used. */
  tabFallback: boolean;
  ignored: IgnoredLinkParam[];
}

/** `tab` picks the tab by id; an unknown or missing id falls back to the first tab. */
export function pickTab(dash: Pick<DashData, 'tabs'>, tabId: string | null | undefined): DashTab | undefined {
  return dash.tabs.find((t) => t.id === tabId) ?? dash.tabs[0];
}

/** DataLens's `getUrlGlobalParams` plus the `tab` lookup, with a note for every key not read. */
export function readDashLink(link: string | URLSearchParams, dash: DashData): DashLink {
  const search = paramsQuery(link);
  const declared = dash.settings?.globalParams ?? {};
  const params: Record<string, string[]> = {};
  const ignored: IgnoredLinkParam[] = [];
  for (const name of new Set(search.keys())) {
    if (Object.hasOwn(declared, name)) {
      define(params, name, search.getAll(name));
      continue;
    }
    if (name === 'tab') continue;
    const why =
      name === 'state'
        ? '`state` is not accepted on an embedded dashboard (DataLens docs, "Things to consider when embedding dashboards"): selector state is never read from the link'
        : URL_OPTIONS.includes(name)
          ? URL_OPTION_WHY
          : 'not declared in the dashboard settings (settings.globalParams), so the page never reads it (docs/params.md, "Dashboards")';
    ignored.push({ name, why });
  }
  const requestedTab = search.get('tab');
  const tab = pickTab(dash, requestedTab);
  const tabFallback = requestedTab !== null && tab?.id !== requestedTab;
  if (tabFallback) ignored.push({ name: 'tab', why: `no tab "${requestedTab}": the first tab "${tab?.id}" opens instead (docs/params.md, "Dashboards")` });
  return { params, tab, requestedTab, tabFallback, ignored };
}

export interface ComposeDashParamsInput {
  dash: DashData;
  tab: Pick<DashTab, 'items'> | undefined;
  /** From readDashLink. */
  link?: Record<string, ParamValue>;
  /** Values the viewer picked in selectors, by param name. */
  selectors?: Record<string, ParamValue>;
  /** The chart widget's own defaults, lowest of all. */
  widgetDefaults?: Params;
}

export interface ComposedParams {
  /** What the page sends as `params` in `POST /run`. */
  params: Params;
  /** Where each sent value came from: send it as `paramSources`. */
  sources: Record<string, ParamSource>;
  /** Values replaced on the page, for the trace (`resolveParams({shadowed})`). */
  shadowed: Record<string, ShadowedCandidate[]>;
}

/**
 * The unsigned params a dash widget or selector sends, lowest first: widget defaults, dashboard
 * params (`settings.globalParams`), selector defaults, link, selector values. This is the order of
 * @gravity-ui/dashkit's item params (alias propagation is not modelled). Before sending, empty
 * arrays become `['']`, as the DataLens client does.
 */
export function composeDashParams(input: ComposeDashParamsInput): ComposedParams {
  const controls = (input.tab?.items ?? []).filter((i): i is DashControlItem => i.type === 'control');
  const selectorDefaults: Params = {};
  for (const c of controls) if (c.defaultValue !== undefined) selectorDefaults[c.param] = c.defaultValue;
  const layers: [ParamSource, Record<string, ParamValue> | undefined][] = [
    ['chart-default', input.widgetDefaults],
    ['dashboard', input.dash.settings?.globalParams],
    ['selector-default', selectorDefaults],
    ['link', input.link],
    ['selector', input.selectors],
  ];
  const params: Params = {};
  const sources: Record<string, ParamSource> = {};
  const seen: Record<string, { source: ParamSource; value: ParamValue }[]> = {};
  for (const [source, values] of layers) {
    for (const [name, value] of Object.entries(values ?? {})) {
      const v = Array.isArray(value) && value.length === 0 ? [''] : value;
      define(params, name, v);
      define(sources, name, source);
      define(seen, name, [...(Object.hasOwn(seen, name) ? seen[name] : []), { source, value: v }]);
    }
  }
  const shadowed: Record<string, ShadowedCandidate[]> = {};
  for (const [name, list] of Object.entries(seen)) {
    const losers = list.slice(0, -1).map((c) => ({ ...c, by: sources[name] }));
    if (losers.length > 0) define(shadowed, name, losers.reverse());
  }
  return { params, sources, shadowed };
}

function define<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
