// Host-page side of a DataLens private embed: mint a token on our backend, put the iframe on the page,
// keep the token fresh with SECURE_EMBEDDING_TOKEN_UPDATE, and listen to what the iframe reports.
//
// Page URL: /chart.html?embed=NAME[&ttl=600][&keepalive=1][&p.NAME=signed value…][&token=literal][&any=link param…]
// Every query key that is not one of the host's own (embed, ttl, keepalive, token, p.*) goes into the
// embed link as an unsigned param, e.g. dash.html?embed=dash&tab=t2&region=North.

const OWN_KEYS = new Set(['embed', 'ttl', 'keepalive', 'token']);
const page = document.body.dataset;
const query = new URLSearchParams(location.search);
const embedName = query.get('embed') ?? page.defaultEmbed ?? 'chart';
const ttl = Number(query.get('ttl') ?? page.ttl ?? 600);
const keepAlive = query.has('keepalive') ? query.get('keepalive') !== '0' : page.keepalive === '1';
const iframe = document.getElementById('dl-embed');
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

/** Everything the embed reported, for people and for tests (window.dlHost.messages). */
const messages = [];
let signedParams = Object.fromEntries([...query.keys()].filter((k) => k.startsWith('p.')).map((k) => [k.slice(2), query.getAll(k).length > 1 ? query.getAll(k) : query.get(k)]));
let current = { token: '', exp: 0 };
let refreshes = 0;

function log(text, kind = 'info') {
  const li = document.createElement('li');
  li.className = `host-log__item host-log__item--${kind}`;
  li.innerHTML = `<time>${new Date().toLocaleTimeString()}</time> `;
  li.append(text);
  $('host-messages').prepend(li);
}

async function loadConfig() {
  const res = await fetch('/config');
  const config = await res.json();
  const embed = config.embeds[embedName];
  if (!embed) throw new Error(`No embed "${embedName}" in the host config (have: ${Object.keys(config.embeds).join(', ')}).`);
  return { ...config, embed, origin: new URL(config.emulator).origin };
}

/** Asks our backend for a token; the private key never reaches the browser. */
async function mint(params = signedParams) {
  const q = new URLSearchParams({ embed: embedName, ttl: String(ttl) });
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) q.append(`p.${k}`, x);
  for (const k of Object.keys(signedParams)) if (!(k in params)) q.append(`p.${k}`, '');
  const res = await fetch(`/token?${q}`);
  if (!res.ok) throw new Error(`token backend answered ${res.status}: ${await res.text()}`);
  return res.json();
}

function linkQuery(defaults) {
  const link = new URLSearchParams();
  for (const [k, v] of Object.entries(defaults ?? {})) for (const x of Array.isArray(v) ? v : [v]) link.append(k, x);
  for (const [k, v] of query) if (!OWN_KEYS.has(k) && !k.startsWith('p.')) link.append(k, v);
  const text = link.toString();
  return text ? `?${text}` : '';
}

function start(config) {
  const send = (message) => iframe.contentWindow?.postMessage(message, config.origin);

  function applyToken(minted, reason) {
    current = minted;
    send({ type: 'SECURE_EMBEDDING_TOKEN_UPDATE', token: minted.token });
    log(`sent token (${reason}), signed params ${JSON.stringify(minted.params ?? {})}`, 'out');
  }

  function scheduleRefresh() {
    // Swap the token in a few seconds before it expires; the page keeps its filters (DataLens docs, "Updating a token without losing your filter states").
    const margin = Math.min(5, ttl / 3);
    const delay = Math.max(1, current.exp - Date.now() / 1000 - margin) * 1000;
    setTimeout(async () => {
      try {
        applyToken(await mint(), 'keep-alive');
        refreshes += 1;
        $('host-refreshes').textContent = String(refreshes);
      } catch (e) {
        log(`refresh failed: ${e.message}`, 'error');
      }
      scheduleRefresh();
    }, delay);
  }

  window.addEventListener('message', (event) => {
    if (event.source !== iframe.contentWindow) return;
    messages.push({ at: Date.now(), origin: event.origin, data: event.data });
    const data = event.data;
    if (data && typeof data.embedHeight === 'number' && page.height === 'auto') iframe.style.height = `${data.embedHeight}px`;
    log(`received ${JSON.stringify(data)}`, 'in');
  });

  iframe.addEventListener('load', () => send(config.embed.kind === 'dash' ? 'subscribe-for-embed-height-dash' : 'subscribe-for-embed-height'));

  $('host-send-token').addEventListener('click', async () => {
    try {
      const params = JSON.parse($('host-params').value || '{}');
      signedParams = params;
      applyToken(await mint(params), 'manual');
    } catch (e) {
      log(`cannot send a token: ${e.message}`, 'error');
    }
  });

  setInterval(() => {
    const left = Math.round(current.exp - Date.now() / 1000);
    $('host-token-expiry').textContent = current.exp ? (left > 0 ? `expires in ${left} s` : 'expired') : 'literal token';
  }, 500);

  window.dlHost = { messages, mint, send, sendToken: (token) => applyToken({ token, exp: 0 }, 'test'), refreshes: () => refreshes, origin: config.origin };
  if (keepAlive) scheduleRefresh();
}

try {
  const config = await loadConfig();
  document.querySelector('.host-origin').textContent = `this page: ${location.origin} · DataLens: ${config.origin}`;
  $('host-params').value = JSON.stringify(signedParams);
  $('host-keepalive').textContent = keepAlive ? `on (token lives ${ttl} s)` : 'off';
  const literal = query.get('token');
  current = literal !== null ? { token: literal, exp: 0 } : await mint();
  iframe.src = `${config.emulator}/embeds/${config.embed.kind}${linkQuery(config.embed.linkParams)}#dl_embed_token=${current.token}`;
  log(`embedding ${config.embed.kind} "${config.embed.title}"`);
  start(config);
} catch (e) {
  log(e.message, 'error');
}
