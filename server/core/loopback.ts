// Host names and addresses shared by the request guard (which names it answers, which clients may
// administer it), TLS (which names its certificate covers) and `serve` (whether the bind is local).
import { isIPv4, isIPv6 } from 'node:net';

/** Names that always reach this machine's loopback interface. `*.localhost` resolves there too (RFC 6761). */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** Bind addresses that listen on every interface: nobody connects to them by that name. */
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]', '']);

export function isWildcardBind(host: string): boolean {
  return WILDCARD_BINDS.has(host);
}

/**
 * True for an IP address of the loopback interface: 127.0.0.0/8, ::1, and 127.x written as an
 * IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, how a dual-stack socket reports an IPv4 client).
 * Anything that is not an IP address (a name, `[::1]x`, `127.0.0.1.evil`) is false.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  // What sockets report for loopback clients, checked first: the guard asks on every request.
  if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return true;
  const a = address.toLowerCase();
  if (isIPv4(a)) return a.startsWith('127.');
  if (!isIPv6(a)) return false;
  // The WHATWG URL parser writes an IPv6 address in its one short form.
  const short = new URL(`http://[${a}]/`).hostname.slice(1, -1);
  if (short === '::1') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(short);
  return mapped !== null && parseInt(mapped[1], 16) >> 8 === 127;
}

/** True when `serve --host` binds the loopback interface only (`localhost`, 127.x, `::1`, `[::1]`). */
export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || isLoopbackAddress(h);
}
