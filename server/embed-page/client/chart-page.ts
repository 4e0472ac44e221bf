// /embeds/chart: runs the embedded chart from the token alone (no `id`), as DataLens does.
import type { DisplayOptions } from '../../links/display-options.js';
import { readChartLink } from '../../params/dash-link.js';
import { AutoUpdate } from './autoupdate.js';
import { callGateway } from './api.js';
import { mount } from './dom.js';
import { EmbedSession } from './session.js';
import type { PageConfig, RunResponse } from './types.js';
import { ChartWidget } from './views/chart-widget.js';
import { setStatus } from './views/status.js';

export function startChartPage(config: PageConfig, root: HTMLElement, display: DisplayOptions = {}): void {
  let latest = 0;
  const session: EmbedSession = new EmbedSession(config, root, { onTokenChange: () => void run(), onReload: () => void run() });
  const widget = new ChartWidget({
    variant: 'page',
    exportUrl: session.api('/export'),
    getToken: () => session.token,
    onRendered: () => session.host.rendered(),
    openInfo: display.openedInfo,
  });
  mount(root, widget.el);

  async function run(): Promise<void> {
    const id = ++latest;
    setStatus('loading');
    widget.loading();
    // Unsigned params come from the query string (display options left out); the server filters them.
    const link = readChartLink(location.search);
    const body = { params: link.params, paramSources: link.sources, responseOptions: { includeConfig: true, includeLogs: false } };
    const result = await callGateway<RunResponse>(session.api('/run'), session.token, body);
    if (id !== latest) return; // a newer run (token update) superseded this one
    if (result.ok) {
      widget.show(result.body, link.ignored);
      setStatus('ready');
    } else {
      widget.fail(result.error);
      setStatus('error');
    }
  }

  session.start();
  void run();
  if (display.autoupdateSec) new AutoUpdate(display.autoupdateSec, () => void run()).start();
}
