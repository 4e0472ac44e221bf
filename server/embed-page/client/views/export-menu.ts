import { h, icon } from '../dom.js';
import type { ExportFormat } from '../export-actions.js';
import { t, type TextKey } from '../i18n.js';
import { ICONS } from './icons.js';

const ITEMS: { format: ExportFormat; label: string; hint: TextKey }[] = [
  { format: 'xlsx', label: 'XLSX', hint: 'xlsxHint' },
  { format: 'csv', label: 'CSV', hint: 'csvHint' },
  { format: 'markdown', label: 'Markdown', hint: 'markdownHint' },
];

/**
 * The chart's "…" menu with "Save as" XLSX / CSV / Markdown. It exists only when the run response
 * says `widgetConfig.enableExport` (test hook `dl-export`), in the page's language (`_lang`).
 */
export function renderExportMenu(onExport: (format: ExportFormat) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'dl-icon-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', title: t('menu'), 'aria-label': t('chartMenu') }, icon(ICONS.dots, 18));
  const menu = h(
    'div',
    { class: 'dl-menu__popup', role: 'menu', hidden: true },
    h('div', { class: 'dl-menu__heading' }, t('saveAs')),
    ...ITEMS.map((item) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          class: 'dl-menu__item',
          'data-format': item.format,
          onclick: () => {
            close();
            onExport(item.format);
          },
        },
        icon(ICONS.download, 14),
        h('span', { class: 'dl-menu__label' }, item.label),
        h('span', { class: 'dl-menu__hint' }, t(item.hint)),
      ),
    ),
  );
  const root = h('div', { class: 'dl-menu', 'data-testid': 'dl-export' }, button, menu);
  const open = () => {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    setTimeout(() => document.addEventListener('click', outside), 0);
  };
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('click', outside);
  };
  const outside = (e: Event) => {
    if (!root.contains(e.target as Node)) close();
  };
  button.addEventListener('click', () => (menu.hidden ? open() : close()));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  return root;
}
