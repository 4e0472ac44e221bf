// Entry of the embed page bundle (dist/embed-page/embed.js).
import './widget.css';
import { startChartPage } from './chart-page.js';
import { DashPage } from './dash-page.js';
import { applyDisplayOptions } from './display.js';
import type { PageConfig } from './types.js';

declare global {
  interface Window {
    DL?: PageConfig;
  }
}

const config = window.DL;
const root = document.getElementById('dl-root');
if (!config || !root) {
  console.error('[datalens-mock] the page shell is missing window.DL or #dl-root.');
} else {
  // Display options (`_theme`, `_lang`, `_autoupdate`, …) set up the page; they are never params.
  const display = applyDisplayOptions(config.page);
  if (config.page === 'dash') void new DashPage(config, root, display).start();
  else startChartPage(config, root, display);
}
