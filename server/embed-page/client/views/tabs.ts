import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { DashTab } from '../types.js';

/**
 * The dashboard's tab strip: `[data-testid="dl-tab"][data-tab-id]`, `aria-selected` on the active tab.
 * Like DataLens, a dashboard with one tab shows no strip.
 */
export function renderTabs(tabs: DashTab[], activeId: string, onSelect: (id: string) => void): HTMLElement | null {
  if (tabs.length < 2) return null;
  return h(
    'nav',
    { class: 'dl-tabs', role: 'tablist', 'aria-label': t('tabs') },
    ...tabs.map((t) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: 'dl-tab',
          'data-testid': 'dl-tab',
          'data-tab-id': t.id,
          'aria-selected': t.id === activeId ? 'true' : 'false',
          tabindex: t.id === activeId ? 0 : -1,
          onclick: () => onSelect(t.id),
        },
        t.title || t.id,
      ),
    ),
  );
}
