import { describe, expect, it } from 'vitest';
import { AUTOUPDATE_MIN_SEC, DISPLAY_OPTIONS, isDisplayOption, readDisplayOptions, withoutDisplayOptions, type DisplayPage } from './display-options.js';

const read = (query: string, page: DisplayPage = 'chart') => readDisplayOptions(new URLSearchParams(query), page);

describe('readDisplayOptions: what the page does with each value', () => {
  const rows: { name: string; query: string; page?: DisplayPage; options: object; problems?: string[] }[] = [
    { name: 'no options: defaults', query: 'region=North', options: {} },
    { name: 'dark theme', query: '_theme=dark', options: { theme: 'dark' } },
    { name: 'light theme', query: '_theme=light', options: { theme: 'light' } },
    { name: 'an unknown theme is ignored', query: '_theme=blue', options: {}, problems: ['_theme=blue must be "light" or "dark" (valid: light | dark); the page ignores it.'] },
    { name: 'Russian menu', query: '_lang=ru', options: { lang: 'ru' } },
    { name: 'an unknown language is ignored', query: '_lang=de', options: {}, problems: ['_lang=de must be "ru" or "en" (valid: ru | en); the page ignores it.'] },
    { name: 'autoupdate at the chart minimum', query: '_autoupdate=15', options: { autoupdateSec: 15 } },
    { name: 'autoupdate below the chart minimum is raised to it', query: '_autoupdate=5', options: { autoupdateSec: 15 }, problems: ['_autoupdate=5 is below the minimum of 15 s on a chart; the page refreshes every 15 s.'] },
    { name: 'autoupdate below the dash minimum is raised to it', query: '_autoupdate=15', page: 'dash', options: { autoupdateSec: 30 }, problems: ['_autoupdate=15 is below the minimum of 30 s on a dashboard; the page refreshes every 30 s.'] },
    { name: 'autoupdate 0 is ignored', query: '_autoupdate=0', options: {}, problems: ['_autoupdate=0 must be a whole number of seconds, at least 15 on a chart (valid: seconds, at least 15 (chart) / 30 (dashboard)); the page ignores it.'] },
    { name: 'autoupdate that is not a number is ignored', query: '_autoupdate=1m', page: 'dash', options: {}, problems: ['_autoupdate=1m must be a whole number of seconds, at least 30 on a dashboard (valid: seconds, at least 15 (chart) / 30 (dashboard)); the page ignores it.'] },
    { name: 'a 6-digit background', query: '_bg_color=1E1E1E', options: { bgColor: '#1e1e1e' } },
    { name: 'a 3-digit background', query: '_bg_color=fff', options: { bgColor: '#fff' } },
    { name: 'a background with # is ignored, saying why', query: '_bg_color=%23fff', options: {}, problems: ['_bg_color=#fff is written without "#" (e.g. _bg_color=1e1e1e) (valid: hex without # (e.g. 1e1e1e)); the page ignores it.'] },
    { name: 'a named colour is ignored', query: '_bg_color=red', options: {}, problems: ['_bg_color=red must be a hex colour without "#": 3, 4, 6 or 8 hex digits (e.g. 1e1e1e) (valid: hex without # (e.g. 1e1e1e)); the page ignores it.'] },
    { name: 'widget background on a dash', query: '_widgets_bg_color=333333', page: 'dash', options: { widgetsBgColor: '#333333' } },
    { name: 'widget background on a chart is ignored', query: '_widgets_bg_color=333333', options: {}, problems: ['_widgets_bg_color applies to dash pages only; this chart page ignores it.'] },
    { name: 'flags on', query: '_no_scroll=1&_opened_info=1&_embedded=1&_no_controls=true', options: { noScroll: true, openedInfo: true, embedded: true, noControls: true } },
    { name: 'flags off', query: '_no_scroll=0&_no_controls=false', options: { noScroll: false, noControls: false } },
    { name: 'a flag with another value is ignored', query: '_no_controls=yes', options: {}, problems: ['_no_controls=yes must be "1" (on) or "0" (off) (valid: 1 | 0); the page ignores it.'] },
    { name: 'the last of a repeated option wins', query: '_theme=light&_theme=dark', options: { theme: 'dark' } },
  ];
  it.each(rows)('$name', (row) => {
    const r = read(row.query, row.page);
    expect(r.options).toEqual(row.options);
    expect(r.problems.map((p) => p.message)).toEqual(row.problems ?? []);
  });
});

describe('the option table', () => {
  it('names every option once, each starting with "_"', () => {
    const names = DISPLAY_OPTIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.startsWith('_'), n).toBe(true);
    expect(names).toEqual(['_theme', '_lang', '_autoupdate', '_bg_color', '_widgets_bg_color', '_no_scroll', '_opened_info', '_embedded', '_no_controls']);
  });

  it('keeps the minimums DataLens documents: 15 s for a chart, 30 s for a dashboard', () => {
    expect(AUTOUPDATE_MIN_SEC).toEqual({ chart: 15, dash: 30 });
  });

  it('tells options from params', () => {
    expect(isDisplayOption('_bg_color')).toBe(true);
    expect(isDisplayOption('bg_color')).toBe(false);
    expect(isDisplayOption('_action_params')).toBe(false);
  });
});

describe('withoutDisplayOptions', () => {
  it('keeps params, in order, repeated keys too, and drops every option', () => {
    const q = new URLSearchParams('a=1&_theme=dark&b=2&a=3&_autoupdate=60&_bg_color=000');
    expect(withoutDisplayOptions(q).toString()).toBe('a=1&b=2&a=3');
  });
});

describe('docs/embed-pages.md', () => {
  it('documents every display option in its table', async () => {
    const { readFileSync } = await import('node:fs');
    const docs = readFileSync(new URL('../../docs/embed-pages.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## Display options'), docs.indexOf('## Request id'));
    for (const d of DISPLAY_OPTIONS) expect(section, d.name).toContain(`| \`${d.name}\` |`);
  });
});
