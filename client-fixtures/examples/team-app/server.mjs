// A team's app as it ships, with nothing in it for tests (docs/production-app.md, "Your real backend"):
// an Express backend that signs 10-minute embed tokens with jsonwebtoken on the real clock, and a page
// that frames the production embed link and refreshes the token by postMessage 1 minute before it expires.
//
//   PORT=3100 node client-fixtures/examples/team-app/server.mjs
//
// Playwright starts it as a `webServer`, in its own process, and the test kit moves the page's clock and
// the emulator's by hours while this process stays on the real clock.
import { readFileSync } from 'node:fs';
import express from 'express';
import jwt from 'jsonwebtoken';

const PORT = Number(process.env.PORT ?? 3100);
const DATALENS = process.env.DATALENS_ORIGIN ?? 'https://datalens.ru';
const EMBED_ID = process.env.DATALENS_EMBED_ID ?? 'revenueembed1';
const PRIVATE_KEY = readFileSync(process.env.DATALENS_PRIVATE_KEY_FILE ?? new URL('../app-private-key.pem', import.meta.url), 'utf8');
const TOKEN_TTL = 600; // 10 minutes

const page = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Revenue</title></head>
<body>
<iframe id="report" width="800" height="500" frameborder="0"></iframe>
<script>
  const DATALENS = ${JSON.stringify(DATALENS)};
  const iframe = document.getElementById('report');

  async function fetchToken() {
    const res = await fetch('/api/datalens-token');
    if (!res.ok) throw new Error('token endpoint answered ' + res.status);
    return res.json(); // {token, expiresIn}
  }

  // 1 minute before the token expires, counted from when it arrived.
  function scheduleRefresh(expiresIn) {
    setTimeout(refresh, (expiresIn - 60) * 1000);
  }

  async function refresh() {
    try {
      const { token, expiresIn } = await fetchToken();
      iframe.contentWindow.postMessage({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token }, DATALENS);
      scheduleRefresh(expiresIn);
    } catch (e) {
      console.error('token refresh failed, retrying in 30 s:', e.message);
      setTimeout(refresh, 30 * 1000);
    }
  }

  fetchToken().then(({ token, expiresIn }) => {
    iframe.src = DATALENS + '/embeds/chart#dl_embed_token=' + token;
    scheduleRefresh(expiresIn);
  });
</script>
</body>
</html>`;

const app = express();
app.get('/', (_req, res) => res.type('html').send(page));
app.get('/api/datalens-token', (_req, res) => {
  // jsonwebtoken sets iat from the real clock; expiresIn makes exp = iat + 600.
  const token = jwt.sign(
    { embedId: EMBED_ID, dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK', params: { region: 'North' } },
    PRIVATE_KEY,
    { algorithm: 'PS256', expiresIn: TOKEN_TTL },
  );
  res.json({ token, expiresIn: TOKEN_TTL });
});
app.listen(PORT, '127.0.0.1', () => console.log(`team app on http://127.0.0.1:${PORT}`));
