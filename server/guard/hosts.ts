import { isIPv6 } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { LOOPBACK_NAMES, isWildcardBind } from '../core/loopback.js';
import { PRODUCTION_HOSTS } from '../core/production.js';

/** A DNS name (or dotted IPv4) as a `Host` header may carry it: labels of letters, digits, `-`, `_`; one trailing dot. */
const REG_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/;
/** `:port` after the host: 1-65535, digits only. */
const PORT = /^:[0-9]{1,5}$/;

/**
 * The host name of a `Host` header or an origin's authority, without port, brackets or a trailing dot,
 * in lower case: `[::1]:8080` → `::1`, `LocalHost.:80` → `localhost`. Undefined for an empty value and
 * for anything that is not exactly `host[:port]` (RFC 9110): text after `]` (`[::1]x`), a bare IPv6
 * address, a zone id, userinfo (`a@127.0.0.1`), a port out of range or empty, spaces, a path.
 */
export function hostOf(authority: string | undefined): string | undefined {
  if (!authority || authority.length > 300) return undefined;
  const a = authority.toLowerCase();
  let host: string;
  let rest: string;
  if (a.startsWith('[')) {
    const end = a.indexOf(']');
    if (end === -1) return undefined;
    host = a.slice(1, end);
    rest = a.slice(end + 1);
    if (!/^[0-9a-f:.]+$/.test(host) || !isIPv6(host)) return undefined;
  } else {
    const colon = a.indexOf(':');
    host = colon === -1 ? a : a.slice(0, colon);
    rest = colon === -1 ? '' : a.slice(colon);
    if (!REG_NAME.test(host)) return undefined;
    host = host.replace(/\.$/, '');
  }
  if (rest !== '' && !(PORT.test(rest) && Number(rest.slice(1)) >= 1 && Number(rest.slice(1)) <= 65535)) return undefined;
  return host;
}

/** This machine's own interface addresses and name: what a client on the network may put in Host. */
function machineHosts(): string[] {
  const out = [hostname().toLowerCase()];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.push(a.address.toLowerCase());
  return out;
}

export interface HostMatcher {
  /** True when a request naming `host` (a bare host name, see {@link hostOf}) may be answered. */
  allows(host: string | undefined): boolean;
  /** What is allowed, in words, for the refusal message. */
  describe(): string;
}

/**
 * The Host names the emulator answers: the loopback names (and `*.localhost`), the bound host, the
 * production hosts and `allowedHosts`. An entry starting with "." also allows every subdomain
 * (`.example.test` allows `example.test` and `a.example.test`). Bound to every interface (`0.0.0.0`,
 * `::`), the machine's own addresses and host name are allowed as well, so another device on the
 * network can reach it by IP; any other name is still refused.
 */
export function hostMatcher(options: { host?: string; allowedHosts?: readonly string[] }): HostMatcher {
  const exact = new Set<string>([...LOOPBACK_NAMES, ...PRODUCTION_HOSTS]);
  const suffixes = ['.localhost'];
  const bound = options.host === undefined ? undefined : hostOf(options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host);
  const wildcard = options.host !== undefined && isWildcardBind(options.host);
  // The bound host itself, 0.0.0.0 included: the ready line prints it, and no page can make a Host of it.
  if (bound) exact.add(bound);
  if (wildcard) for (const h of machineHosts()) exact.add(h);
  const extra: string[] = [];
  for (const raw of options.allowedHosts ?? []) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    extra.push(entry);
    if (entry.startsWith('.')) {
      suffixes.push(entry);
      exact.add(entry.slice(1));
    } else {
      exact.add(hostOf(entry) ?? entry);
    }
  }
  return {
    allows: (host) => host !== undefined && (exact.has(host) || suffixes.some((s) => host.endsWith(s))),
    describe: () =>
      [
        'localhost, 127.0.0.1, [::1], *.localhost',
        bound && !wildcard && !LOOPBACK_NAMES.includes(bound) ? bound : undefined,
        wildcard ? "this machine's addresses and name" : undefined,
        PRODUCTION_HOSTS.join(', '),
        extra.length ? extra.join(', ') : undefined,
      ]
        .filter(Boolean)
        .join(', '),
  };
}
