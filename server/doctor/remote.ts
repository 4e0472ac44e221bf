import type { Report } from './report.js';

export type RemoteAnswer = { report: Report } | { problem: 'DLM-901' | 'DLM-902'; detail: string };

const isReport = (v: unknown): v is Report =>
  typeof v === 'object' && v !== null && Array.isArray((v as Report).findings) && Array.isArray((v as Report).summary);

/**
 * `doctor --server URL`: the same engine runs inside that emulator, with its embeds, keys and
 * clock (POST {server}/_mock/validate). Never throws: an unreachable or foreign server is an answer.
 */
export async function validateRemotely(
  server: string,
  body: { input: string; key?: string },
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 10_000,
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
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return { problem: 'DLM-901', detail: `POST ${url} failed: ${cause}.` };
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
