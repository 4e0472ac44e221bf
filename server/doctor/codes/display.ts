import type { CodeDef } from './types.js';

/** DLM-42x: display options of the embed link (`_theme`, `_autoupdate`, …; docs/embed-pages.md, "Display options"). */
export const displayCodes = {
  'DLM-420': {
    group: 'link',
    severity: 'warning',
    message: 'A display option of the link has a value the page does not know, so the page ignores it.',
    hint: 'Use one of the valid values named in the message (docs/embed-pages.md, "Display options"); colours are hex without "#", flags are 1 or 0.',
  },
  'DLM-421': {
    group: 'link',
    severity: 'warning',
    message: '_autoupdate is below the minimum interval (15 s for a chart, 30 s for a dashboard), so the page refreshes at the minimum instead.',
    hint: 'Write at least _autoupdate=15 on a chart link and _autoupdate=30 on a dashboard link.',
  },
  'DLM-422': {
    group: 'link',
    severity: 'warning',
    message: 'A display option is for the other kind of page, so this page ignores it.',
    hint: '_widgets_bg_color applies to dashboards only; on a chart, use _bg_color.',
  },
} as const satisfies Record<string, CodeDef>;
