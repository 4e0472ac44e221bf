#!/usr/bin/env node
// A tiny host backend, as a real site would have one: it serves the host pages (from its own origin,
// not the emulator's) and mints short-lived embed tokens with the embed's private key. No dependencies.
//
//   node client-fixtures/hosts/server.mjs --config hosts.json [--port 8090] [--emulator http://127.0.0.1:8080]
//
// hosts.json: {"emulator": "http://127.0.0.1:8080",
//              "embeds": {"sales": {"kind": "chart", "embedId": "…", "privateKeyFile": "key.pem",
//                                   "params": {"region": "North"}, "linkParams": {"year": "2024"}}}}
// Paths in the config are relative to the config file. Private keys never leave this process.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signEmbedToken } from './jwt.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const STATIC = { '/chart.html': 'text/html', '/dash.html': 'text/html', '/keepalive.html': 'text/html', '/host.js': 'text/javascript', '/host.css': 'text/css' };
const MAX_TTL = 36_000;

/** Reads hosts.json: embeds by name, each with its private key loaded. */
export function loadHostConfig(file, overrides = {}) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const base = dirname(resolve(file));
  const embeds = {};
  for (const [name, e] of Object.entries(raw.embeds ?? {})) {
    const privateKey = e.privateKey ?? (e.privateKeyFile ? readFileSync(resolve(base, e.privateKeyFile), 'utf8') : undefined);
    if (!e.embedId || !privateKey) throw new Error(`${file}: embed "${name}" needs embedId and privateKey or privateKeyFile.`);
    embeds[name] = { kind: e.kind === 'dash' ? 'dash' : 'chart', embedId: e.embedId, privateKey, params: e.params ?? {}, linkParams: e.linkParams ?? {}, title: e.title ?? name };
  }
  return { emulator: (overrides.emulator ?? raw.emulator ?? 'http://127.0.0.1:8080').replace(/\/$/, ''), embeds };
}

/** Signed params from the query: `p.region=North`, repeated for an array; `p.region=` alone removes it. */
function signedParamsFrom(query, defaults) {
  const params = { ...defaults };
  for (const key of new Set(query.keys())) {
    if (!key.startsWith('p.')) continue;
    const values = query.getAll(key).filter((v) => v !== '');
    const name = key.slice(2);
    if (values.length === 0) delete params[name];
    else params[name] = values.length === 1 ? values[0] : values;
  }
  return params;
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

export function hostHandler(config) {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/healthz') return send(res, 200, 'application/json', '{"status":"ok"}');
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/config') {
      // What the pages need: never the keys.
      const embeds = Object.fromEntries(Object.entries(config.embeds).map(([n, e]) => [n, { kind: e.kind, title: e.title, linkParams: e.linkParams }]));
      return send(res, 200, 'application/json', JSON.stringify({ emulator: config.emulator, embeds }));
    }
    if (url.pathname === '/token') {
      const name = url.searchParams.get('embed') ?? '';
      const embed = config.embeds[name];
      if (!embed) return send(res, 404, 'application/json', JSON.stringify({ error: `no embed "${name}" in the host config` }));
      const ttl = Math.min(MAX_TTL, Math.max(1, Number(url.searchParams.get('ttl') ?? 600) || 600));
      const params = signedParamsFrom(url.searchParams, embed.params);
      const minted = signEmbedToken({ privateKey: embed.privateKey, embedId: embed.embedId, ttl, params });
      return send(res, 200, 'application/json', JSON.stringify({ ...minted, embedId: embed.embedId, params }));
    }
    const file = url.pathname === '/' ? '/chart.html' : url.pathname;
    if (Object.hasOwn(STATIC, file)) return send(res, 200, STATIC[file], readFileSync(join(HERE, file.slice(1))));
    send(res, 404, 'text/plain', `Not found: ${url.pathname}`);
  };
}

/** Starts the host server; resolves to {url, close()}. */
export function startHostServer({ config, port = 8090, host = '127.0.0.1' }) {
  const server = createServer(hostHandler(config));
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address();
      ok({ url: `http://${host}:${address.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const configFile = arg('config');
  if (!configFile || extname(configFile) !== '.json') {
    console.error('usage: node client-fixtures/hosts/server.mjs --config hosts.json [--port 8090] [--host 127.0.0.1] [--emulator URL]');
    process.exit(2);
  }
  const config = loadHostConfig(configFile, { emulator: arg('emulator') });
  const { url } = await startHostServer({ config, port: Number(arg('port', 8090)), host: arg('host', '127.0.0.1') });
  console.log(`host pages ready on ${url} (emulator ${config.emulator}): ${url}/chart.html?embed=NAME, /dash.html, /keepalive.html`);
}
