// HTTPS for `serve --tls` / `createMockServer({tls: true})`: the local CA (authority.ts) and the
// server certificate it issues at each start (certificate.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOOPBACK_NAMES, isWildcardBind } from '../core/loopback.js';
import { PRODUCTION_HOSTS } from '../core/production.js';
import { loadAuthority } from './authority.js';
import { issueServerCertificate } from './certificate.js';

export { TlsAuthorityError, CA_CERT_FILE, CA_KEY_FILE } from './error.js';
export type { TlsInfo } from './info.js';
import type { TlsInfo } from './info.js';

/** The folder of the data dir that holds the CA. */
export const TLS_DIR = 'tls';


export interface TlsMaterial extends TlsInfo {
  /** PEM private key and certificate chain for `https.createServer`. */
  key: string;
  cert: string;
  /** Removes the temporary CA folder of an in-memory emulator (nothing else). */
  dispose(): void;
}

/** The names of the server certificate: loopback, the bound host, the production hosts, extra hosts. */
export function certificateNames(host: string | undefined, allowedHosts: readonly string[] = []): string[] {
  const bound = host && !isWildcardBind(host) ? [host.replace(/^\[|\]$/g, '')] : [];
  return [...new Set([...LOOPBACK_NAMES, ...bound, ...PRODUCTION_HOSTS, ...allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean)])];
}

/**
 * The key and certificate to serve. The CA lives in `<dataDir>/tls/`, or in a temporary folder when
 * there is no data dir (in memory), removed by `dispose()`.
 */
export function tlsMaterial(o: { dataDir?: string; host?: string; allowedHosts?: readonly string[]; renew?: boolean }): TlsMaterial {
  const temporary = o.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'datalens-mock-tls-')) : undefined;
  const dir = temporary ?? join(o.dataDir as string, TLS_DIR);
  try {
    const names = certificateNames(o.host, o.allowedHosts);
    const ca = loadAuthority(dir, { renew: o.renew, names });
    const server = issueServerCertificate(ca, names);
    return {
      key: server.key,
      cert: server.cert,
      names: server.names,
      caPath: ca.certPath,
      caCert: ca.certPem,
      spkiSha256: ca.spkiSha256,
      dispose: () => {
        if (temporary) rmSync(temporary, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw e;
  }
}
