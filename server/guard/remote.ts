import type { Request } from 'express';
import { isLoopbackAddress, isLoopbackBind } from '../core/loopback.js';
import { MockError } from '../errors/catalogue.js';
import { innerRouteKey } from './route-path.js';

/**
 * Reads that still act for the client: the demo page mints tokens with the seed's private keys, and
 * a connector's audit connects to its ClickHouse cluster (whatever method its route takes: a POST is
 * a guarded write anyway). Keyed as the router matches them.
 */
const ADMIN_READS = [/^\/_mock\/demo$/, /^\/_mock\/partner\/connectors\/[^/]+\/audit$/];

export const isAdminRead = (path: string): boolean => {
  const key = innerRouteKey(path);
  return ADMIN_READS.some((r) => r.test(key));
};

/** True when the TCP peer is on this machine's loopback interface (never a header: they can be forged). */
export const fromLoopback = (req: Request): boolean => isLoopbackAddress(req.socket.remoteAddress);

/**
 * Refuses an administrative call from another machine: any write outside the open gateway API
 * (token minting, reset, `/rpc`, the doctor's outbound ClickHouse audit) and the admin reads above.
 * Bound to loopback (the default) no such client can connect; bound to every interface, a phone on
 * the LAN still opens the embed pages and calls the gateway API. `serve --allow-remote-admin` lifts it.
 */
export function checkRemoteAdmin(req: Request): void {
  if (fromLoopback(req)) return;
  throw new MockError('REMOTE_ADMIN_REFUSED', {
    message: `${req.method} ${req.path.slice(0, 200)} came from ${String(req.socket.remoteAddress ?? 'an unknown address').slice(0, 60)}, not from this machine; the emulator's admin calls answer loopback clients only, and nothing was changed.`,
  });
}

/** What `serve` prints at start when it listens beyond loopback, or undefined. */
export function bindWarning(host: string, allowRemoteAdmin: boolean): string | undefined {
  if (isLoopbackBind(host)) return undefined;
  const base = `warning: listening on ${host}, not on loopback only: other machines can open the embed pages and call the gateway API.`;
  return allowRemoteAdmin
    ? `${base} With --allow-remote-admin they can also mint tokens, reset the state, write through /rpc and /_mock and make the doctor connect out: use it on a trusted network only.`
    : `${base} Token minting, the demo page, writes through /rpc and /_mock and the doctor's outbound connections still answer this machine only (--allow-remote-admin lifts that).`;
}
