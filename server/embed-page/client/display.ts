// Applies the link's display options (server/links/display-options.ts) to the document.
import { readDisplayOptions, type DisplayOptions, type DisplayPage } from '../../links/display-options.js';
import { setLang } from './i18n.js';

/** Reads the options from the page's own URL and applies them; invalid values are ignored (logged). */
export function applyDisplayOptions(page: DisplayPage, search = location.search): DisplayOptions {
  const { options, problems } = readDisplayOptions(new URLSearchParams(search), page);
  for (const p of problems) console.warn(`[datalens-mock] ${p.message}`);
  const root = document.documentElement;
  root.classList.toggle('dl-theme-dark', options.theme === 'dark');
  const lang = options.lang ?? 'en';
  setLang(lang);
  root.lang = lang;
  if (options.bgColor) root.style.setProperty('--dl-page', options.bgColor);
  if (options.widgetsBgColor) root.style.setProperty('--dl-widget-bg', options.widgetsBgColor);
  root.classList.toggle('dl-no-scroll', options.noScroll === true);
  root.classList.toggle('dl-no-controls', options.noControls === true);
  root.classList.toggle('dl-embedded', options.embedded === true);
  if (options.autoupdateSec) root.dataset.dlAutoupdate = String(options.autoupdateSec);
  return options;
}
