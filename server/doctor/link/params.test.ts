import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server.js';
import { diagnose } from '../engine.js';
import { emulatorEnv } from '../env.js';
import { corpusApp, loadCorpus } from '../testing.js';

const corpus = loadCorpus();
const base = (name: string) => corpus.cases.find((c) => c.name === name)!.input;
const CHART = base('valid chart link');
const DASH = base('valid dashboard link with a declared param and a tab');

/** The link with `query` added to its query string (before the hash). */
function withQuery(link: string, query: string): string {
  const [head, hash] = link.split('#');
  return `${head}${head.includes('?') ? '&' : '?'}${query}#${hash}`;
}

describe('doctor: display options in the link', () => {
  let mock: MockApp;
  beforeAll(async () => {
    mock = await corpusApp(corpus);
  });
  afterAll(async () => {
    await mock.close();
  });

  const rows = [
    { name: 'valid options on a chart: no finding, not listed as params', link: withQuery(CHART, '_theme=dark&_lang=en&_autoupdate=15&_bg_color=1e1e1e&_no_controls=1'), codes: [], text: '' },
    { name: 'valid options on a dash: no finding', link: withQuery(DASH, '_theme=light&_autoupdate=60&_widgets_bg_color=333&_no_scroll=1&_embedded=1&_opened_info=1'), codes: [], text: '' },
    { name: '_autoupdate=5 on a chart names the 15 s minimum', link: withQuery(CHART, '_autoupdate=5'), codes: ['DLM-421'], text: 'minimum of 15 s' },
    { name: '_autoupdate=5 on a dash names the 30 s minimum', link: withQuery(DASH, '_autoupdate=5'), codes: ['DLM-421'], text: 'minimum of 30 s' },
    { name: '_theme=blue names the valid values', link: withQuery(CHART, '_theme=blue'), codes: ['DLM-420'], text: 'valid: light | dark' },
    { name: '_lang=de names the valid values', link: withQuery(DASH, '_lang=de'), codes: ['DLM-420'], text: 'valid: ru | en' },
    { name: '_bg_color with # says to drop it', link: withQuery(CHART, '_bg_color=%23ffffff'), codes: ['DLM-420'], text: 'without "#"' },
    { name: '_widgets_bg_color on a chart', link: withQuery(CHART, '_widgets_bg_color=333'), codes: ['DLM-422'], text: 'dash pages only' },
  ];
  it.each(rows)('$name', async (row) => {
    const report = await diagnose(row.link, await emulatorEnv(mock.ctx));
    expect(report.findings.map((f) => f.code)).toEqual(row.codes);
    if (row.text) expect(report.findings[0].message).toContain(row.text);
    expect(report.ok).toBe(true);
    // Never a param: not in the link params, not among the effective ones, never "not declared" (DLM-409).
    const facts = JSON.stringify(report.summary);
    expect(facts).not.toMatch(/"_(theme|lang|autoupdate|bg_color|widgets_bg_color|no_scroll|opened_info|embedded|no_controls)/);
    expect(facts).not.toMatch(/[ {,]_(theme|lang|autoupdate|bg_color|widgets_bg_color|no_scroll|opened_info|embedded|no_controls)=/);
  });

  it('lists the options the page uses in the summary', async () => {
    const report = await diagnose(withQuery(CHART, '_theme=dark&_autoupdate=20'), await emulatorEnv(mock.ctx));
    expect(report.summary).toContainEqual(expect.objectContaining({ value: 'theme=dark  autoupdateSec=20' }));
  });
});
