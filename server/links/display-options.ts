// Display options of an embed link (docs/embed-pages.md, "Display options"; docs/fidelity.md, "Display
// options"): `_theme`, `_lang`, `_autoupdate`, ... written in the query string next to unsigned params.
// They set up the page and are never params. The one definition for the page bundle, the server's link
// parsing and the doctor: plain code, no Node imports.

export type DisplayPage = 'chart' | 'dash';

/** The smallest `_autoupdate` interval, in seconds, per page (DataLens docs). */
export const AUTOUPDATE_MIN_SEC: Readonly<Record<DisplayPage, number>> = { chart: 15, dash: 30 };

/** What the page does with the options it understood. A value the page cannot use is left out. */
export interface DisplayOptions {
  theme?: 'light' | 'dark';
  lang?: 'ru' | 'en';
  /** Seconds between refreshes, already raised to the page's minimum. */
  autoupdateSec?: number;
  /** A CSS colour (`#` + the hex digits of the link). */
  bgColor?: string;
  widgetsBgColor?: string;
  noScroll?: boolean;
  openedInfo?: boolean;
  embedded?: boolean;
  noControls?: boolean;
}

/** One option whose value the page cannot use as written. */
export interface DisplayOptionProblem {
  name: string;
  value: string;
  /** `invalid`: ignored; `raised`: below the minimum, raised to it; `other-page`: not used on this page. */
  kind: 'invalid' | 'raised' | 'other-page';
  /** Plain words: what is wrong, what the page does instead, and the valid values. */
  message: string;
}

type Parsed<T> = { value: T; note?: string } | { problem: string };

interface OptionDef<K extends keyof DisplayOptions> {
  name: string;
  key: K;
  /** The valid values, as the docs and the doctor write them. */
  values: string;
  /** The pages that use it (the other page ignores it silently, as production does). */
  pages: readonly DisplayPage[];
  /** When DataLens documented it for private embeds. */
  since: string;
  /** What the emulator's page does with it. */
  does: string;
  parse(raw: string, page: DisplayPage): Parsed<NonNullable<DisplayOptions[K]>>;
}

const BOTH: readonly DisplayPage[] = ['chart', 'dash'];
const HEX = /^(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

function oneOf<T extends string>(valid: readonly T[]) {
  return (raw: string): Parsed<T> =>
    (valid as readonly string[]).includes(raw) ? { value: raw as T } : { problem: `must be ${valid.map((v) => `"${v}"`).join(' or ')}` };
}

function flag(raw: string): Parsed<boolean> {
  if (raw === '1' || raw === 'true') return { value: true };
  if (raw === '0' || raw === 'false') return { value: false };
  return { problem: 'must be "1" (on) or "0" (off)' };
}

function color(raw: string): Parsed<string> {
  if (HEX.test(raw)) return { value: `#${raw.toLowerCase()}` };
  if (raw.startsWith('#') && HEX.test(raw.slice(1))) return { problem: 'is written without "#" (e.g. _bg_color=1e1e1e)' };
  return { problem: 'must be a hex colour without "#": 3, 4, 6 or 8 hex digits (e.g. 1e1e1e)' };
}

function autoupdate(raw: string, page: DisplayPage): Parsed<number> {
  const min = AUTOUPDATE_MIN_SEC[page];
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) return { problem: `must be a whole number of seconds, at least ${min} on a ${page === 'dash' ? 'dashboard' : 'chart'}` };
  const sec = Number(raw);
  if (sec < min) return { value: min, note: `is below the minimum of ${min} s on a ${page === 'dash' ? 'dashboard' : 'chart'}; the page refreshes every ${min} s` };
  return { value: sec };
}

/** Every display option, in the order the docs list them. */
export const DISPLAY_OPTIONS = [
  { name: '_theme', key: 'theme', values: 'light | dark', pages: BOTH, since: '≈ 2026-01', does: 'Colour theme of the whole page (CSS variables).', parse: oneOf(['light', 'dark'] as const) },
  { name: '_lang', key: 'lang', values: 'ru | en', pages: BOTH, since: '≈ 2026-01', does: 'Language of the chart menu, the page texts and the error views (default en).', parse: oneOf(['ru', 'en'] as const) },
  {
    name: '_autoupdate',
    key: 'autoupdateSec',
    values: `seconds, at least ${AUTOUPDATE_MIN_SEC.chart} (chart) / ${AUTOUPDATE_MIN_SEC.dash} (dashboard)`,
    pages: BOTH,
    since: '2025-10',
    does: 'Runs the charts again every N seconds while the tab is visible; a smaller number is raised to the minimum.',
    parse: autoupdate,
  },
  { name: '_bg_color', key: 'bgColor', values: 'hex without # (e.g. 1e1e1e)', pages: BOTH, since: '2026-06', does: 'Page background.', parse: color },
  { name: '_widgets_bg_color', key: 'widgetsBgColor', values: 'hex without #', pages: ['dash'], since: '2026-06', does: 'Background of the widgets (cards) of a dashboard.', parse: color },
  { name: '_no_scroll', key: 'noScroll', values: '1 | 0', pages: BOTH, since: 'public embeds', does: 'No scroll bars on the page (content beyond the frame is cut).', parse: flag },
  { name: '_opened_info', key: 'openedInfo', values: '1 | 0', pages: BOTH, since: 'public embeds', does: "Opens each chart's info panel (its params) from the start.", parse: flag },
  { name: '_embedded', key: 'embedded', values: '1 | 0', pages: BOTH, since: 'public embeds', does: 'Marks the page as embedded; the emulator page is always drawn without DataLens navigation, so nothing changes.', parse: flag },
  { name: '_no_controls', key: 'noControls', values: '1 | 0', pages: BOTH, since: 'public embeds', does: 'Hides the chart menu ("…", export).', parse: flag },
] as const satisfies readonly OptionDef<keyof DisplayOptions>[];

export type DisplayOptionName = (typeof DISPLAY_OPTIONS)[number]['name'];

const BY_NAME: ReadonlyMap<string, OptionDef<keyof DisplayOptions>> = new Map(DISPLAY_OPTIONS.map((d) => [d.name, d as OptionDef<keyof DisplayOptions>]));

export const DISPLAY_OPTION_NAMES: readonly DisplayOptionName[] = DISPLAY_OPTIONS.map((d) => d.name);

/** True for a display option's name: such a key of the link is never an unsigned param. */
export function isDisplayOption(name: string): boolean {
  return BY_NAME.has(name);
}

export interface ReadDisplayOptions {
  options: DisplayOptions;
  /** Values the page ignores (or raises to a minimum), with the valid values named. */
  problems: DisplayOptionProblem[];
}

/**
 * The display options of a query, as the page of `page` uses them. The last value of a repeated key
 * wins (as `URLSearchParams.get` would be read after a page rewrite). An invalid value is ignored: the
 * option keeps its default, as production's page would do with a value it does not know.
 */
export function readDisplayOptions(search: URLSearchParams, page: DisplayPage): ReadDisplayOptions {
  const options: Record<string, unknown> = {};
  const problems: DisplayOptionProblem[] = [];
  for (const def of DISPLAY_OPTIONS) {
    const all = search.getAll(def.name);
    if (all.length === 0) continue;
    const raw = all[all.length - 1] ?? '';
    if (!(def.pages as readonly string[]).includes(page)) {
      problems.push({ name: def.name, value: raw, kind: 'other-page', message: `${def.name} applies to ${def.pages.join(' and ')} pages only; this ${page} page ignores it.` });
      continue;
    }
    const parsed = (def as OptionDef<keyof DisplayOptions>).parse(raw, page);
    if ('problem' in parsed) {
      problems.push({ name: def.name, value: raw, kind: 'invalid', message: `${def.name}=${raw} ${parsed.problem} (valid: ${def.values}); the page ignores it.` });
      continue;
    }
    options[def.key] = parsed.value;
    if (parsed.note) problems.push({ name: def.name, value: raw, kind: 'raised', message: `${def.name}=${raw} ${parsed.note}.` });
  }
  return { options: options as DisplayOptions, problems };
}

/** A copy of the query without its display options (what may go on as unsigned params). */
export function withoutDisplayOptions(search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of search) if (!isDisplayOption(k)) out.append(k, v);
  return out;
}
