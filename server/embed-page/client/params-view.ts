// What the "effective params" panel lists, from the run response and its explain trace. Pure.
import type { ParamTrace } from '../../params/trace.js';
import { paramText } from './link.js';

export interface IgnoredParam {
  name: string;
  why: string;
}

export interface ParamChip {
  name: string;
  /** Value as the `dl-param` hook shows it (arrays joined with ", "). */
  text: string;
  /** Short label of where the value came from. */
  source: string;
  /** Effective params carry the `dl-param` hook; ignored ones are only shown, struck through. */
  effective: boolean;
  /** Why, in plain words (tooltip and the expanded panel). */
  why: string;
  lock?: string;
}

const SOURCE_LABELS: Record<string, string> = {
  signed: 'signed',
  link: 'link',
  dashboard: 'dashboard',
  selector: 'selector',
  'selector-default': 'selector default',
  'chart-default': 'chart default',
  request: 'request',
};

export const sourceLabel = (source: string | null | undefined): string => (source ? (SOURCE_LABELS[source] ?? source) : 'request');

function readTrace(trace: unknown): Map<string, ParamTrace> {
  const map = new Map<string, ParamTrace>();
  if (!Array.isArray(trace)) return map;
  for (const entry of trace) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as ParamTrace).name === 'string') map.set((entry as ParamTrace).name, entry as ParamTrace);
  }
  return map;
}

/**
 * One chip per effective param (in response order), then one per param that was sent or in the link
 * but did not survive (dropped by the embed's lists, or never read by the page).
 */
export function paramChips(params: Record<string, unknown>, trace: unknown, ignored: IgnoredParam[] = []): ParamChip[] {
  const byName = readTrace(trace);
  const chips: ParamChip[] = Object.entries(params).map(([name, value]) => {
    const t = byName.get(name);
    return { name, text: paramText(value), source: sourceLabel(t?.winner), effective: true, why: t?.because ?? '', lock: t?.lock };
  });
  const shown = new Set(chips.map((c) => c.name));
  for (const t of byName.values()) {
    if (shown.has(t.name)) continue;
    const dropped = t.candidates.find((c) => c.status === 'dropped');
    chips.push({ name: t.name, text: paramText(dropped?.value ?? t.candidates[0]?.value), source: 'ignored', effective: false, why: t.because, lock: t.lock });
    shown.add(t.name);
  }
  for (const i of ignored) {
    // URL options such as _theme configure the page; they are not params, so they are not listed.
    if (i.name.startsWith('_')) continue;
    if (!shown.has(i.name)) chips.push({ name: i.name, text: '', source: 'not read', effective: false, why: i.why });
  }
  return chips;
}
