// The page's token: read from the hash once, replaced by SECURE_EMBEDDING_TOKEN_UPDATE.
import { gatewayUrl, type GatewayRoute } from './api.js';
import { HostLink } from './host-link.js';
import { tokenFromHash } from '../../links/embed-link.js';
import type { PageConfig } from './types.js';
import { setGeneration } from './views/status.js';

export interface SessionHandlers {
  /** The token changed: refresh data, keeping selector and tab state. */
  onTokenChange(): void;
  /** The host asked for a reload (`{type: 'chartReload'}`). */
  onReload(): void;
}

export class EmbedSession {
  private current = '';
  private generation = 0;
  readonly host: HostLink;

  constructor(
    readonly config: PageConfig,
    root: HTMLElement,
    private readonly handlers: SessionHandlers,
  ) {
    this.host = new HostLink(config.allowedParentOrigins, root, {
      onTokenUpdate: (token) => this.apply(token, true),
      onReload: () => handlers.onReload(),
    });
  }

  /** Reads the token from `#dl_embed_token=` and starts listening to the host. */
  start(): void {
    const token = tokenFromHash(location.hash);
    if (token) this.apply(token, false);
    else console.warn('[datalens-mock] no token in the link: expected /embeds/…#dl_embed_token=<JWT>.');
    this.host.listen();
  }

  get token(): string {
    return this.current;
  }

  api(route: GatewayRoute): string {
    return gatewayUrl(this.config, route);
  }

  private apply(token: string, notify: boolean): void {
    this.current = token;
    this.generation += 1;
    if (notify) {
      console.info(`[datalens-mock] token #${this.generation} applied (SECURE_EMBEDDING_TOKEN_UPDATE); refreshing data.`);
      this.handlers.onTokenChange();
    }
    // After onTokenChange has set the status to loading, so "generation went up" implies "refresh started".
    setGeneration(this.generation);
  }
}
