// /embeds/dash: loads the dash config, then runs the current tab's selectors and charts (docs/fidelity.md, "Request flow").
import { readDashLink, type DashLink } from '../../params/dash-link.js';
import type { DashData, ParamValue } from '../../core/types.js';
import type { DisplayOptions } from '../../links/display-options.js';
import { callGateway } from './api.js';
import { AutoUpdate } from './autoupdate.js';
import type { WidgetError } from './errors.js';
import { refreshTab, type TabViews } from './dash-runs.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';
import { withQueryKey, withoutQueryKey } from './link.js';
import { EmbedSession } from './session.js';
import type { DashConfig, PageConfig } from './types.js';
import { ChartWidget } from './views/chart-widget.js';
import { renderErrorCard } from './views/error-card.js';
import { SelectorView } from './views/selector.js';
import { setStatus } from './views/status.js';
import { renderTabs } from './views/tabs.js';

export class DashPage {
  private readonly session: EmbedSession;
  private config?: DashConfig;
  private link?: DashLink;
  private views?: TabViews;
  /** Selector values the viewer picked: page memory only, never written to the URL (`disableUrlState`, as in DataLens). */
  private readonly picked: Record<string, ParamValue> = {};
  private refreshes = 0;
  private autoupdate?: AutoUpdate;

  constructor(
    config: PageConfig,
    private readonly root: HTMLElement,
    private readonly display: DisplayOptions = {},
  ) {
    this.session = new EmbedSession(config, root, { onTokenChange: () => void this.refresh(), onReload: () => void this.refresh() });
  }

  async start(): Promise<void> {
    this.session.start();
    setStatus('loading');
    mount(this.root, h('div', { class: 'dl-dash dl-dash--loading' }, h('div', { class: 'dl-skeleton dl-skeleton--dash' })));
    const result = await callGateway<DashConfig>(this.session.api('/embedded-entry'), this.session.token);
    if (!result.ok) {
      this.fail(result.error);
      return;
    }
    this.config = result.body;
    this.link = readDashLink(location.search, this.config.data as DashData);
    if (this.link.tabFallback) {
      // An unknown `tab` opens the first tab and is removed from the URL; the hash (token) stays.
      history.replaceState(history.state, '', `${location.pathname}${withoutQueryKey(location.search, 'tab')}${location.hash}`);
      this.session.host.urlChanged();
    }
    this.showTab(this.link.tab?.id ?? '');
    if (this.display.autoupdateSec) {
      this.autoupdate = new AutoUpdate(this.display.autoupdateSec, () => void this.refresh());
      this.autoupdate.start();
    }
  }

  /** The whole dash becomes one error view (a failed config load, or the embedded-query limit). */
  private fail(error: WidgetError): void {
    this.autoupdate?.stop();
    this.config = undefined;
    mount(this.root, h('div', { class: 'dl-dash dl-dash--error' }, renderErrorCard(error)));
    setStatus('error');
  }

  private showTab(tabId: string): void {
    const config = this.config;
    if (!config) return;
    const tab = config.data.tabs.find((t) => t.id === tabId) ?? config.data.tabs[0];
    if (!tab) {
      mount(this.root, h('div', { class: 'dl-dash' }, h('div', { class: 'dl-empty' }, t('noTabs'))));
      setStatus('ready');
      return;
    }
    for (const widget of this.views?.widgets.values() ?? []) widget.dispose();
    const widgets = new Map<string, ChartWidget>();
    const selectors = new Map<string, SelectorView>();
    for (const item of tab.items) {
      if (item.type === 'widget') {
        widgets.set(item.id, new ChartWidget({ title: item.title, variant: 'dash', exportUrl: this.session.api('/export'), getToken: () => this.session.token, onRendered: () => {}, openInfo: this.display.openedInfo }));
      } else if (item.type === 'control') {
        selectors.set(item.id, new SelectorView(item, (param, value) => this.pick(param, value)));
      }
    }
    this.views = { tab, widgets, selectors };
    mount(
      this.root,
      h(
        'div',
        { class: 'dl-dash' },
        renderTabs(config.data.tabs, tab.id, (id) => this.switchTab(id)),
        selectors.size ? h('div', { class: 'dl-controls' }, ...[...selectors.values()].map((s) => s.el)) : null,
        widgets.size ? h('div', { class: 'dl-grid' }, ...[...widgets.values()].map((w) => w.el)) : h('div', { class: 'dl-empty' }, t('noCharts')),
      ),
    );
    void this.refresh();
  }

  private switchTab(id: string): void {
    if (id === this.views?.tab.id) return;
    // The embedded dash keeps the fragment when it rewrites the URL.
    history.replaceState(history.state, '', `${location.pathname}${withQueryKey(location.search, 'tab', id)}${location.hash}`);
    this.session.host.urlChanged();
    this.showTab(id);
  }

  private pick(param: string, value: string): void {
    this.picked[param] = value;
    void this.refresh();
  }

  /** Runs the current tab again (after load, a selector change, a token update or a reload). */
  private async refresh(): Promise<void> {
    const { config, views, link } = this;
    if (!config || !views || !link) return;
    const id = ++this.refreshes;
    setStatus('loading');
    const { ok, limit } = await refreshTab({
      config,
      views,
      linkParams: link.params,
      picked: this.picked,
      ignored: link.ignored,
      runUrl: this.session.api('/run'),
      token: this.session.token,
      isCurrent: () => id === this.refreshes,
    });
    if (id !== this.refreshes) return;
    if (limit) {
      this.fail(limit);
      return;
    }
    setStatus(ok ? 'ready' : 'error');
    if (views.widgets.size) this.session.host.rendered();
  }
}
