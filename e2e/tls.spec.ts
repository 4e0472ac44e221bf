// `serve --tls` for tools other than the Playwright fixture: the built CLI on a free port, Chromium
// sending the production hosts (datalens.ru, the legacy datalens.yandex.cloud, api.datalens.tech) to it
// with --host-resolver-rules and trusting its local CA by
// the SPKI pin the CLI prints, and Node's https client verifying the certificate against that CA.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import { chromium, expect, test, type Browser } from '@playwright/test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  caPath: string;
  spki: string;
}

/** Starts the built CLI with --tls on port 0 and reads its ready line, CA path and SPKI hash. */
function serveTls(): Promise<Served> {
  const child = spawn(process.execPath, ['dist/server/launch.js', 'serve', '--tls', '--in-memory', '--port', '0', '--seed', 'client-fixtures/examples/seed.yaml'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --tls printed no ready line:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /datalens-mock ready on (https:\/\/127\.0\.0\.1:(\d+))\n/.exec(out);
      const ca = /CA certificate: (\S+\.pem)\n/.exec(out);
      const spki = /CA SPKI sha256: (\S+)\n/.exec(out);
      if (ready && ca && spki) {
        clearTimeout(timer);
        resolve({ child, url: ready[1], port: Number(ready[2]), caPath: ca[1], spki: spki[1] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve --tls exited with ${code}:\n${out}`)));
  });
}

/** An HTTPS call that trusts only `ca` and checks the certificate for `name`. */
function call(port: number, ca: string, name: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ca,
        agent: false,
        servername: /^[\d.:]+$/.test(name) ? undefined : name,
        checkServerIdentity: (_h, cert) => checkServerIdentity(name, cert),
        headers: { host: name.includes(':') ? `[${name}]` : name, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test.describe('serve --tls', () => {
  // One CLI and one browser for the whole group, in one worker.
  test.describe.configure({ mode: 'default' });
  let served: Served;
  let ca: string;
  let browser: Browser;

  test.beforeAll(async () => {
    const started = Date.now();
    served = await serveTls();
    ca = readFileSync(served.caPath, 'utf8');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        `--host-resolver-rules=${['datalens.ru', 'datalens.yandex.cloud', 'api.datalens.tech'].map((h) => `MAP ${h} 127.0.0.1:${served.port}`).join(', ')}`,
        `--ignore-certificate-errors-spki-list=${served.spki}`,
      ],
    });
    test.info().annotations.push({ type: 'startup', description: `CLI ready and Chromium launched in ${Date.now() - started} ms` });
  });

  test.afterAll(async () => {
    await browser?.close();
    served?.child.kill('SIGTERM');
  });

  for (const name of ['localhost', '127.0.0.1', '::1', 'datalens.ru', 'datalens.yandex.cloud', 'api.datalens.tech']) {
    test(`the certificate for ${name} verifies against the printed CA`, async () => {
      expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect((await call(served.port, ca, name, 'GET', '/_mock/health')).json).toEqual({ status: 'ok' });
    });
  }

  test('Chromium opens the production link to dl-status=ready, and a host page posts to the production origin', async () => {
    const { json } = await call(served.port, ca, 'localhost', 'POST', '/_mock/tokens', { embedId: 'sales', params: { region: 'North' } });
    const { token } = json as { token: string };
    const page = await browser.newPage();
    try {
      await page.goto(`https://datalens.ru/embeds/chart#dl_embed_token=${token}`);
      await expect(page.getByTestId('dl-status')).toHaveText('ready');
      await expect(page.locator('[data-testid="dl-param"][data-name="region"]')).toHaveText('North');

      // A host page on another origin (https://localhost:PORT), framing the production link as an app written from today's docs does.
      const next = (await call(served.port, ca, 'localhost', 'POST', '/_mock/tokens', { embedId: 'sales', params: { region: 'South' } })).json as { token: string };
      const html = `<!doctype html><iframe id="dl" src="https://datalens.ru/embeds/chart#dl_embed_token=${token}"></iframe>
<script>window.update = (t) => document.getElementById('dl').contentWindow.postMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: t }, 'https://datalens.ru');</script>`;
      expect((await call(served.port, ca, 'localhost', 'PUT', '/_mock/host-pages/tls-host', { html })).status).toBe(201);
      await page.goto(`https://localhost:${served.port}/_mock/host-pages/tls-host`);
      const frame = page.frameLocator('#dl');
      await expect(frame.getByTestId('dl-status')).toHaveText('ready');
      await page.evaluate((t) => (window as unknown as { update(t: string): void }).update(t), next.token);
      await expect(frame.getByTestId('dl-token-generation')).toHaveText('2');
      await expect(frame.locator('[data-testid="dl-param"][data-name="region"]')).toHaveText('South');
    } finally {
      await page.close();
    }
  });

  test('the legacy host redirects to the same path, query and hash on datalens.ru', async () => {
    const { token } = (await call(served.port, ca, 'localhost', 'POST', '/_mock/tokens', { embedId: 'sales', params: { region: 'North' } })).json as { token: string };
    const page = await browser.newPage();
    try {
      await page.goto(`https://datalens.yandex.cloud/embeds/chart?_theme=light#dl_embed_token=${token}`);
      await expect(page.getByTestId('dl-status')).toHaveText('ready');
      expect(page.url()).toBe(`https://datalens.ru/embeds/chart?_theme=light#dl_embed_token=${token}`);
    } finally {
      await page.close();
    }
  });

  test('a provisioning script reaches https://api.datalens.tech/rpc/createEmbed with its Public API headers', async () => {
    const headers = { authorization: 'Bearer iam-token', 'x-dl-org-id': 'org', 'x-dl-api-version': '2' };
    const sales = (await call(served.port, ca, 'api.datalens.tech', 'POST', '/rpc/listEmbeds', { entryId: await salesEntry() }, headers)).json as { embeds: { embeddingSecretId: string; entryId: string }[] };
    const [first] = sales.embeds;
    const created = await call(served.port, ca, 'api.datalens.tech', 'POST', '/rpc/createEmbed', { title: 'Provisioned', embeddingSecretId: first.embeddingSecretId, entryId: first.entryId }, headers);
    expect(created.status).toBe(200);
    expect((created.json as { embedId: string }).embedId).toMatch(/^[0-9a-z]{13}$/);
    const refused = await call(served.port, ca, 'api.datalens.tech', 'POST', '/rpc/createEmbed', {}, { ...headers, 'x-dl-api-version': 'v2' });
    expect(refused.status).toBe(400);
    expect((refused.json as { code: string }).code).toBe('INVALID_API_VERSION_HEADER');
  });

  /** The entry the seed's `sales` embed shows (a token minted for it says). */
  async function salesEntry(): Promise<string> {
    return ((await call(served.port, ca, 'localhost', 'POST', '/_mock/tokens', { embedId: 'sales' })).json as { entryId: string }).entryId;
  }
});
