// Messages to and from the host page (docs/fidelity.md, "postMessage protocol"). Only the real DataLens messages go out.
import { classifyMessage } from './messages.js';

const inFrame = (): boolean => {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
};

function postToHost(message: unknown): void {
  // DataLens always posts to '*'; nothing secret travels this way.
  if (inFrame()) window.parent.postMessage(message, '*');
}

export interface HostLinkHandlers {
  onTokenUpdate(token: string): void;
  onReload(): void;
}

/** Height reporting, throttled like the dashboard's ResizeObserver (350 ms). */
class HeightReporter {
  private observer?: ResizeObserver;
  private timer = 0;
  private last = -1;

  start(root: HTMLElement): void {
    if (this.observer) return;
    this.observer = new ResizeObserver(() => this.schedule(root));
    this.observer.observe(root);
    this.schedule(root);
  }

  private schedule(root: HTMLElement): void {
    if (this.timer) return;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      const height = Math.ceil(root.scrollHeight);
      if (height === this.last) return;
      this.last = height;
      postToHost({ iFrameName: window.name, embedHeight: height });
    }, 350);
  }
}

/** Listens for host commands and sends the page's notifications. */
export class HostLink {
  private readonly height = new HeightReporter();

  constructor(
    private readonly allowedOrigins: string[],
    private readonly root: HTMLElement,
    private readonly handlers: HostLinkHandlers,
  ) {}

  listen(): void {
    window.addEventListener('message', (event) => this.receive(event));
  }

  private receive(event: MessageEvent): void {
    const message = classifyMessage(event.data, event.origin, this.allowedOrigins);
    switch (message.kind) {
      case 'token-update':
        this.handlers.onTokenUpdate(message.token);
        return;
      case 'reload':
        this.handlers.onReload();
        return;
      case 'subscribe-height':
        // DataLens reports heights only inside an iframe that has a name.
        if (!inFrame() || !window.name) {
          console.warn(`[datalens-mock] ignored "subscribe-for-embed-height${message.dash ? '-dash' : ''}": the iframe needs a name attribute (window.name is empty), as in DataLens.`);
          return;
        }
        this.height.start(this.root);
        return;
      case 'ignore':
        if (message.loud) console.warn(`[datalens-mock] ignored a postMessage from ${event.origin || '(unknown origin)'}: ${message.reason}.`);
        else console.debug(`[datalens-mock] ignored a postMessage: ${message.reason}.`);
    }
  }

  /** After a chart has been drawn. */
  rendered(): void {
    postToHost({ iFrameName: window.name, isRendered: true });
  }

  /** After the dashboard changed its own URL (tab switch, dropped `tab`). */
  urlChanged(): void {
    postToHost({ code: 'URL_CHANGED', data: { pathname: location.pathname, search: location.search } });
  }
}
