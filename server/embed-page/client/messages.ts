// Host ↔ iframe messages (docs/fidelity.md, "postMessage protocol"; docs/embed-pages.md). Pure classification; the DOM side is host-link.ts.

export const TOKEN_UPDATE = 'SECURE_EMBEDDING_TOKEN_UPDATE';
/** Plain strings a host sends to ask for `embedHeight` reports (chart preview / dashboard). */
export const SUBSCRIBE_HEIGHT = 'subscribe-for-embed-height';
export const SUBSCRIBE_HEIGHT_DASH = 'subscribe-for-embed-height-dash';

export type IncomingMessage =
  | { kind: 'token-update'; token: string }
  | { kind: 'subscribe-height'; dash: boolean }
  | { kind: 'reload' }
  /** `loud`: worth a console warning (a message meant for us that we refuse); otherwise debug noise. */
  | { kind: 'ignore'; reason: string; loud: boolean };

/**
 * Whether a parent origin may send commands. `*` allows any; an entry may use one leading wildcard
 * label (`https://*.example.com`). The real page's policy is unknown (docs/fidelity.md, "postMessage protocol"): the default is any.
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0 || allowed.includes('*')) return true;
  return allowed.some((pattern) => {
    if (pattern === origin) return true;
    const star = pattern.indexOf('://*.');
    if (star < 0) return false;
    const scheme = pattern.slice(0, star + 3);
    const suffix = pattern.slice(star + 4);
    return origin.startsWith(scheme) && origin.endsWith(suffix) && origin.length > scheme.length + suffix.length;
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Our own outgoing shapes, in case they echo back to us (a page that is not framed posts to itself). */
function isOutgoingShape(data: Record<string, unknown>): boolean {
  return 'embedHeight' in data || 'isRendered' in data || data.code === 'URL_CHANGED';
}

/** Decides what to do with one `message` event. */
export function classifyMessage(data: unknown, origin: string, allowed: readonly string[]): IncomingMessage {
  const meantForUs =
    data === SUBSCRIBE_HEIGHT || data === SUBSCRIBE_HEIGHT_DASH || (isObject(data) && (data.type === TOKEN_UPDATE || data.type === 'chartReload'));
  if (!meantForUs) {
    if (isObject(data) && typeof data.type === 'string' && data.type.toUpperCase().includes('TOKEN')) {
      return { kind: 'ignore', reason: `unknown message type ${JSON.stringify(data.type)}; the token update type is "${TOKEN_UPDATE}"`, loud: true };
    }
    if (isObject(data) && isOutgoingShape(data)) return { kind: 'ignore', reason: 'one of the page’s own messages', loud: false };
    return { kind: 'ignore', reason: 'not a DataLens embed message', loud: false };
  }
  if (!originAllowed(origin, allowed)) {
    return { kind: 'ignore', reason: `origin ${origin || '(none)'} is not in the allowed parent origins [${allowed.join(', ')}]`, loud: true };
  }
  if (data === SUBSCRIBE_HEIGHT || data === SUBSCRIBE_HEIGHT_DASH) return { kind: 'subscribe-height', dash: data === SUBSCRIBE_HEIGHT_DASH };
  const message = data as Record<string, unknown>;
  if (message.type === 'chartReload') return { kind: 'reload' };
  const token = message.token;
  if (typeof token !== 'string') {
    return { kind: 'ignore', reason: `${TOKEN_UPDATE} needs a string "token", got ${token === undefined ? 'none' : typeof token}`, loud: true };
  }
  if (token.trim() === '') return { kind: 'ignore', reason: `${TOKEN_UPDATE} has an empty token`, loud: true };
  return { kind: 'token-update', token: token.trim() };
}
