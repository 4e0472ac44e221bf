// Host names shared by the request guard (which names it answers) and TLS (which names its
// certificate covers).

/** Names that always reach this machine's loopback interface. `*.localhost` resolves there too (RFC 6761). */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Bind addresses that listen on every interface: nobody connects to them by that name. */
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]', '']);

export function isWildcardBind(host: string): boolean {
  return WILDCARD_BINDS.has(host);
}
