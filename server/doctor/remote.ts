import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Report } from './report.js';

export type RemoteAnswer = { report: Report } | { problem: 'DLM-901' | 'DLM-902'; detail: string; hint?: string };

/** The CA the doctor trusts for an `https://` emulator, and where it came from (named in hints). */
export interface TrustedCa {
  pem: string;
  /** `--ca`, or the path of the data dir's CA file. */
  source: string;
}

const isReport = (v: unknown): v is Report =>
  typeof v === 'object' && v !== null && Array.isArray((v as Report).findings) && Array.isArray((v as Report).summary);

/** The most bytes of a report read from the server. */
const MAX_ANSWER = 16 * 1024 * 1024;

/**
 * A fetch for `https://` that trusts the emulator's local CA besides the system's roots (as
 * NODE_EXTRA_CA_CERTS would), so that `doctor --server https://…` reaches `serve --tls`.
 */
export function fetchTrusting(ca: string): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const req = httpsRequest(
        url,
        { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, ca: [...rootCertificates, ca], signal: init?.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_ANSWER) res.destroy(new Error(`the answer is larger than ${MAX_ANSWER} bytes`));
            else chunks.push(c);
          });
          res.on('error', reject);
          res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: res.headers as Record<string, string> })));
        },
      );
      // fetch's own errors carry the system error as `cause`; so do these.
      req.on('error', (e) => reject(Object.assign(new TypeError('fetch failed'), { cause: e })));
      req.end(init?.body === undefined || init.body === null ? undefined : String(init.body));
    });
}

/** Certificate codes of Node and OpenSSL that mean: this certificate is not trusted here. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/**
 * Why the server could not be reached, in words that lead to the fix: a certificate signed by a
 * CA this machine does not trust (the emulator's local CA: pass it), a refused connection (start
 * the emulator), a host name that does not resolve, plain HTTP against TLS, no answer in time.
 */
export function unreachable(url: string, error: unknown, ca?: TrustedCa): { detail: string; hint: string } {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code ?? (e?.name === 'TimeoutError' || e?.name === 'AbortError' ? 'TIMEOUT' : undefined);
  const said = code ?? e?.cause?.message ?? e?.message ?? String(error);
  const { protocol, host } = new URL(url);
  const detail = `POST ${url} failed: ${said}.`;
  const caPath = 'the path serve --tls prints at start ("CA certificate: <data dir>/tls/ca.pem")';
  if (code && UNTRUSTED.has(code)) {
    return {
      detail: `${detail} The server's certificate is signed by a CA this machine does not trust.`,
      hint: ca
        ? `The CA the doctor trusted (${ca.source}) did not sign this certificate: pass the emulator's own CA with --ca, ${caPath}.`
        : `The emulator uses its local CA (serve --tls); pass it with --ca FILE, ${caPath}. Run from the emulator's working directory, the doctor finds .datalens-mock/tls/ca.pem itself.`,
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return { detail, hint: 'The emulator\'s certificate is out of its validity: restart serve --tls (it issues a new certificate), or --tls-renew when the CA itself expired.' };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { detail, hint: `The certificate does not cover ${host}: use a name serve --tls covers (127.0.0.1, localhost, ::1, the production hosts), or start it with --allowed-hosts ${new URL(url).hostname}.` };
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long/i.test(said)) {
    return { detail, hint: 'The server answers plain HTTP, not TLS: use http:// in --server.' };
  }
  if (code === 'ECONNRESET' && protocol === 'http:') {
    return { detail, hint: 'The connection was dropped: if the emulator runs with --tls, use https:// in --server; else check that it is still running.' };
  }
  if (code === 'ECONNREFUSED') return { detail, hint: `Nothing listens at ${host}: start the emulator (datalens-mock serve) or fix the port in --server.` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { detail, hint: `The host name in --server does not resolve: fix it (e.g. --server ${protocol}//127.0.0.1:8080).` };
  if (code === 'TIMEOUT') return { detail: `POST ${url} got no answer in time.`, hint: 'The emulator did not answer: check that it is running and not paused, and that --server names it.' };
  return { detail, hint: 'Check that the emulator runs and that --server is its base URL, e.g. http://127.0.0.1:8080.' };
}

/**
 * `doctor --server URL`: the same engine runs inside that emulator, with its embeds, keys and
 * clock (POST {server}/_mock/validate). Never throws: an unreachable or foreign server is an answer.
 */
export async function validateRemotely(
  server: string,
  body: { input: string; key?: string },
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 10_000,
  ca?: TrustedCa,
): Promise<RemoteAnswer> {
  const url = `${server.replace(/\/+$/, '')}/_mock/validate`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { problem: 'DLM-901', ...unreachable(url, e, ca) };
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = undefined;
  }
  if (res.status !== 200 || !isReport(data)) {
    const said = typeof data === 'object' && data !== null && 'message' in data ? `: ${String((data as { message: unknown }).message)}` : '';
    return { problem: 'DLM-902', detail: `POST ${url} answered ${res.status}${said}.` };
  }
  return { report: data };
}
