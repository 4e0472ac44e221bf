import { renderChart } from '../charts/index.js';
import type { ChartTable } from '../charts/series.js';
import { attachTooltip } from '../charts/tooltip.js';
import { h, mount } from '../dom.js';
import type { WidgetError } from '../errors.js';
import { exportChart, type ExportFormat } from '../export-actions.js';
import { t } from '../i18n.js';
import type { IgnoredParam } from '../params-view.js';
import type { RunResponse } from '../types.js';
import { renderErrorCard } from './error-card.js';
import { renderExportMenu } from './export-menu.js';
import { renderParamsPanel } from './params-panel.js';
import { showToast } from './toast.js';

export interface ChartWidgetOptions {
  /** A title to show before the chart's own title is known (dash widget title). */
  title?: string;
  /** Dash widgets are cards in a grid; the chart page fills the frame. */
  variant: 'page' | 'dash';
  exportUrl: string;
  getToken(): string;
  onRendered(): void;
  /** `_opened_info=1`: the params strip starts open. */
  openInfo?: boolean;
}

/** One chart: a card with a title, the "…" export menu, the drawing, and the params strip. */
export class ChartWidget {
  readonly el: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private response?: RunResponse;
  private size = { width: 0, height: 0 };
  private readonly resize = new ResizeObserver(() => this.redrawIfResized());

  constructor(private readonly options: ChartWidgetOptions) {
    this.titleEl = h('h2', { class: 'dl-card__title' }, options.title ?? '');
    this.actions = h('div', { class: 'dl-card__actions' });
    this.body = h('div', { class: 'dl-card__body' }, h('div', { class: 'dl-skeleton' }));
    this.footer = h('div', { class: 'dl-card__footer' });
    this.el = h('section', { class: `dl-card dl-card--${options.variant} dl-card--loading` }, h('header', { class: 'dl-card__header' }, this.titleEl, this.actions), this.body, this.footer);
    this.resize.observe(this.body);
  }

  /** The widget leaves the page (tab switch). */
  dispose(): void {
    this.resize.disconnect();
  }

  /** A request started: keep what is shown (no flicker on refresh) and mark the card busy. */
  loading(): void {
    this.el.classList.add('dl-card--loading');
  }

  show(response: RunResponse, ignored: IgnoredParam[] = []): void {
    this.response = response;
    this.el.classList.remove('dl-card--loading', 'dl-card--error');
    this.titleEl.textContent = this.options.title || response.config?.title || t('chart');
    mount(this.actions, response.widgetConfig?.enableExport ? renderExportMenu((f) => void this.export(f)) : null);
    const open = this.footer.querySelector('details')?.open ?? this.options.openInfo === true;
    mount(this.footer, renderParamsPanel(response.params ?? {}, response.trace, ignored, response.precedence, open));
    this.draw();
    this.options.onRendered();
  }

  fail(error: WidgetError): void {
    this.response = undefined;
    this.el.classList.remove('dl-card--loading');
    this.el.classList.add('dl-card--error');
    if (!this.titleEl.textContent) this.titleEl.textContent = this.options.title ?? '';
    mount(this.actions);
    mount(this.footer);
    mount(this.body, renderErrorCard(error, this.options.variant === 'dash'));
  }

  private table(): ChartTable {
    return this.response?.data ?? { columns: [], rows: [] };
  }

  private draw(): void {
    if (!this.response) return;
    this.size = { width: this.body.clientWidth, height: this.body.clientHeight };
    const area = h('div', { class: 'dl-chart-area' }, renderChart(this.response.config?.visualization, this.table(), this.size));
    attachTooltip(area);
    mount(this.body, area);
  }

  private redrawIfResized(): void {
    const { clientWidth: width, clientHeight: height } = this.body;
    if (!this.response || (width === this.size.width && height === this.size.height)) return;
    this.draw();
  }

  private async export(format: ExportFormat): Promise<void> {
    const title = this.titleEl.textContent || 'chart';
    const result = await exportChart(format, this.table(), title, this.options.exportUrl, this.options.getToken());
    if (result.ok) showToast(this.el, `${t('saved')} ${result.body}`);
    else showToast(this.el, `${result.error.title} (${result.error.code})${result.error.mock?.message ? `: ${result.error.mock.message}` : ''}`, 'error');
  }
}
