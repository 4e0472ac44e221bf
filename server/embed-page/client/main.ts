// Entry of the embed page bundle (dist/embed-page/embed.js).
import './widget.css';
import { startChartPage } from './chart-page.js';
import { DashPage } from './dash-page.js';
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
  const theme = new URLSearchParams(location.search).get('_theme');
  if (theme === 'dark') document.documentElement.classList.add('dl-theme-dark');
  if (config.page === 'dash') void new DashPage(config, root).start();
  else startChartPage(config, root);
}
