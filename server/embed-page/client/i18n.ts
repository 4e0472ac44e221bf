// The page's own words in `_lang=ru|en` (docs/embed-pages.md, "Display options"). Pure: no DOM.
// DataLens's error titles stay in English (their Russian texts are not public), except the limit view.

export type Lang = 'ru' | 'en';

const EN = {
  menu: 'Menu',
  chartMenu: 'Chart menu',
  saveAs: 'Save as',
  xlsxHint: 'Excel workbook',
  csvHint: 'Comma-separated values',
  markdownHint: 'Table as text',
  saved: 'Saved',
  params: 'Params',
  none: 'none',
  noData: 'No data',
  noCharts: 'No charts on this tab',
  noTabs: 'This dashboard has no tabs',
  chart: 'Chart',
  tabs: 'Dashboard tabs',
  any: 'Any',
  howToFix: 'How to fix: ',
  requestId: 'Request-id',
  limitTitle: 'Embedded dashboard limit exceeded',
  limitNote: "The organization has used up this month's queries from embedded dashboards. The organization's administrator must add seats to raise the limit.",
};

export type TextKey = keyof typeof EN;

/** Every text in both languages (a test keeps the keys in step). */
export const TEXTS: Record<Lang, Record<TextKey, string>> = {
  en: EN,
  ru: {
    menu: 'Меню',
    chartMenu: 'Меню чарта',
    saveAs: 'Сохранить как',
    xlsxHint: 'Книга Excel',
    csvHint: 'Значения через запятую',
    markdownHint: 'Таблица текстом',
    saved: 'Сохранено',
    params: 'Параметры',
    none: 'нет',
    noData: 'Нет данных',
    noCharts: 'На этой вкладке нет чартов',
    noTabs: 'На дашборде нет вкладок',
    chart: 'Чарт',
    tabs: 'Вкладки дашборда',
    any: 'Любое',
    howToFix: 'Как исправить: ',
    requestId: 'Request-id',
    limitTitle: 'Превышен лимит встроенных дашбордов',
    limitNote: 'Организация исчерпала запросы встроенных дашбордов за этот месяц. Чтобы увеличить лимит, администратор организации должен добавить места.',
  },
};

let current: Lang = 'en';

/** Set once at start from `_lang`. */
export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: TextKey): string {
  return TEXTS[current][key];
}
