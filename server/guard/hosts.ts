import { hostname, networkInterfaces } from 'node:os';
import { LOOPBACK_NAMES, isWildcardBind } from '../core/loopback.js';
import { PRODUCTION_HOSTS } from '../core/production.js';

/**
 * The host name of a `Host` header or an origin's authority, without port, brackets or a trailing dot,
 * in lower case: `[::1]:8080` → `::1`, `LocalHost.:80` → `localhost`. Undefined for an empty value.
 */
export function hostOf(authority: string | undefined): string | undefined {
  if (!authority) return undefined;
  let host = authority.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end === -1 ? host.slice(1) : host.slice(1, end);
  } else if (host.split(':').length === 2) {
    host = host.slice(0, host.indexOf(':'));
  }
  host = host.replace(/\.$/, '');
  return host || undefined;
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
