// npm run bench: the performance figures of the issues, measured in one run on this machine.
//   1. POST /api/run with a valid token vs a bare Express route returning a body of the same size
//   2. token verifications/s with a new token each time vs Node's raw crypto.verify PS256 rate
//   3. process start → ready line with --in-memory --demo, vs a bare node process that imports
//      express, listens and prints a line
//   4. isolation: a fresh namespace and a reset (demo seed), in server CPU, vs one POST /api/run
//   5. partner access-token decryptions/s (scripts/bench-partner.mjs)
import { spawn, spawnSync } from 'node:child_process';
import { constants, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { DEMO_PRIVATE_KEY, EMBED_ID, benchSeed } from './bench/seed.mjs';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist/server');
const { signEmbedToken, createMockApp } = await import(join(dist, 'index.js'));
const { decodeEmbedToken } = await import(join(dist, 'tokens/decode.js'));
const { verifyEmbedToken } = await import(join(dist, 'tokens/verify.js'));
const { PublicKeyCache } = await import(join(dist, 'tokens/keys.js'));

const results = [];
const report = (name, value, unit, extra = '') => {
  results.push({ name, value, unit, extra });
  console.log(`${name.padEnd(58)} ${String(value).padStart(10)} ${unit}${extra ? `  ${extra}` : ''}`);
};

function startTarget(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'bench/target.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout.once('data', (d) => resolve({ child, port: Number(String(d).trim()) }));
    child.once('exit', (c) => reject(new Error(`target exited ${c}`)));
  });
}

/** The target's CPU time so far, in microseconds (user + system). */
function cpuOf(child) {
  return new Promise((resolve) => {
    child.once('message', (u) => resolve(u.user + u.system));
    child.send('cpu');
  });
}

/**
 * Closed-loop load: `concurrency` requests in flight for `seconds`. Returns requests/s and the
 * server's CPU microseconds per request.
 */
async function load(target, headers, body, seconds = 5, concurrency = 16, path = '/api/run') {
  const port = target.port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const send = () =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let n = 0;
        res.on('data', (d) => (n += d.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  // Warm-up: a second of the same load, so that both servers are measured in steady state (JIT
  // and heap grown), not while compiling.
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < warm) await send();
  }));
  let done = 0;
  const cpu0 = await cpuOf(target.child);
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await send();
        done++;
      }
    }),
  );
  const cpu = (await cpuOf(target.child)) - cpu0;
  agent.destroy();
  return { rps: done / seconds, cpuPerRequest: cpu / done };
}

/**
 * Client-side throughput with autocannon (16 connections, pipelining 1): what a test suite hammering
 * the emulator sees, the load generator sharing the machine as in a user's CI. Each target is warmed
 * up first; `seconds` of load per round.
 */
async function throughput(port, headers, body, seconds) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}/api/run`, connections: 16, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  if (r.non2xx || r.errors) throw new Error(`load on ${port}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.total / seconds;
}

async function benchRun(rounds = 5) {
  const token = await signEmbedToken({ privateKey: DEMO_PRIVATE_KEY, embedId: EMBED_ID, ttl: 36000 });
  const body = JSON.stringify({ params: { region: 'North' } });
  const mock = await startTarget(['mock']);
  const sample = await fetch(`http://127.0.0.1:${mock.port}/api/run`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dl-embed-token': token }, body });
  const sampleBody = await sample.text();
  if (sample.status !== 200) throw new Error(`mock answered ${sample.status}: ${sampleBody}`);
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'dlm-bench-')), 'body.json');
  writeFileSync(bodyFile, sampleBody);
  const bare = await startTarget(['bare', bodyFile]);
  const headers = { 'x-dl-embed-token': token };
  // Warm-up: both servers measured in steady state (JIT done, heap grown), not while compiling.
  await throughput(mock.port, headers, body, 2);
  await throughput(bare.port, headers, body, 2);
  // Interleaved rounds, median of the per-round ratios: this machine's speed drifts more than the difference.
  const rounds_ = [];
  // One round: requests/s and server CPU µs per request of one target.
  const measure = async (target) => {
    const cpu0 = await cpuOf(target.child);
    const rps = await throughput(target.port, headers, body, 3);
    return { rps, cpu: ((await cpuOf(target.child)) - cpu0) / (rps * 3) };
  };
  for (let r = 0; r < rounds; r++) {
    // Each target goes first in every other round, so that a drift within a round favours neither.
    const [first, second] = r % 2 === 0 ? [mock, bare] : [bare, mock];
    const a = await measure(first);
    const z = await measure(second);
    const [mm, bb] = first === mock ? [a, z] : [z, a];
    rounds_.push({ m: mm.rps, b: bb.rps, mockCpu: mm.cpu, bareCpu: bb.cpu });
  }
  mock.child.kill();
  bare.child.kill();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rps = rounds_.map((x) => x.m / x.b);
  const cpu = rounds_.map((x) => x.bareCpu / x.mockCpu);
  report('POST /api/run, valid token, journal on (emulator)', Math.round(median(rounds_.map((x) => x.m))), 'req/s', `${sampleBody.length} B body; server CPU ${Math.round(median(rounds_.map((x) => x.mockCpu)))} µs/request`);
  report('POST /api/run, bare Express route, same body', Math.round(median(rounds_.map((x) => x.b))), 'req/s', `server CPU ${Math.round(median(rounds_.map((x) => x.bareCpu)))} µs/request`);
  report('  ratio emulator / bare, client throughput (target >= 0.75)', median(rps).toFixed(2), '', `autocannon, 16 connections, ${rounds} interleaved rounds: ${rps.map((x) => x.toFixed(2)).join(' ')}`);
  report('  ratio emulator / bare, by server CPU per request', median(cpu).toFixed(2), '', `rounds: ${cpu.map((x) => x.toFixed(2)).join(' ')}`);
}

async function benchVerify() {
  const mock = await createMockApp({ inMemory: true, quiet: true, seedData: benchSeed() });
  const n = 2000;
  const now = Math.floor(Date.now() / 1000);
  const tokens = await Promise.all(
    Array.from({ length: n }, (_, i) => signEmbedToken({ privateKey: DEMO_PRIVATE_KEY, embedId: EMBED_ID, ttl: 3600, now: now - (i % 600), params: { user: `u${i}` } })),
  );
  const vctx = { store: mock.ctx.store, keys: new PublicKeyCache(), rules: { now, strict: true } };
  await verifyEmbedToken(decodeEmbedToken(tokens[0]), vctx);
  // Each token is new to the verifier: a fresh key cache per pass, so no signature is remembered.
  const pass = async (inFlight) => {
    const ctx = { ...vctx, keys: new PublicKeyCache() };
    let next = 0;
    const t = performance.now();
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < n) await verifyEmbedToken(decodeEmbedToken(tokens[next++]), ctx);
    }));
    return n / ((performance.now() - t) / 1000);
  };
  const ours = await pass(1);
  const oursConcurrent = await pass(16);
  let t0;

  const priv = createPrivateKey(DEMO_PRIVATE_KEY);
  const pub = createPublicKey(priv);
  const opts = { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  const signed = tokens.map((t) => {
    const [h, p, s] = t.split('.');
    return { data: Buffer.from(`${h}.${p}`), sig: Buffer.from(s, 'base64url') };
  });
  t0 = performance.now();
  for (const { data, sig } of signed) if (!verify('sha256', data, opts, sig)) throw new Error('raw verify failed');
  const raw = n / ((performance.now() - t0) / 1000);
  await mock.close();
  report('Token verifications, new token each time, one at a time', Math.round(ours), 'verif/s', 'decode+lookup+jose PS256+claims');
  report('Token verifications, new token each time, 16 in flight', Math.round(oursConcurrent), 'verif/s', 'as a server sees them');
  report('Raw crypto.verify PS256 (same tokens, synchronous)', Math.round(raw), 'verif/s');
  report('  ratio emulator / raw, one at a time', (ours / raw).toFixed(2), '');
  report('  ratio emulator / raw, 16 in flight', (oursConcurrent / raw).toFixed(2), '');
}

/** Milliseconds from spawning `args` to the first stdout line containing `ready`. */
function startTime(args, ready) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      if (String(d).includes(ready)) {
        resolve(performance.now() - t0);
        child.kill();
      }
    });
    child.once('exit', (c) => (c ? reject(new Error(`${args.join(' ')} exited ${c}`)) : undefined));
  });
}

async function benchStartup(runs = 7) {
  const mock = [];
  const bare = [];
  const startMock = () => startTime([join(dist, 'launch.js'), 'serve', '--in-memory', '--demo', '--port', '0', '--quiet'], 'datalens-mock ready on');
  const startBare = () => startTime([join(import.meta.dirname, 'bench/bare-start.mjs')], 'bare express ready');
  // One start of each first, not counted: both then read their files from the page cache.
  await startMock();
  await startBare();
  // Interleaved, so that both see the same machine.
  for (let i = 0; i < runs; i++) {
    mock.push(await startMock());
    bare.push(await startBare());
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  report('Process start -> ready line, --in-memory --demo (median)', Math.round(median(mock)), 'ms', `min ${Math.round(Math.min(...mock))} ms, target < 300 ms`);
  report('Process start -> ready line, bare node + express (median)', Math.round(median(bare)), 'ms', `min ${Math.round(Math.min(...bare))} ms`);
  report('  ratio emulator / bare start-up (target <= 1.3)', (median(mock) / median(bare)).toFixed(2), '');
}

/** One request; resolves with the status, rejects on anything but `expect`. */
async function call(port, method, path, expect, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body });
  await res.arrayBuffer();
  if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status}`);
}

/**
 * Per-test isolation: the server CPU of a fresh namespace (demo seed) and of a reset, each as a
 * multiple of one POST /api/run on the same emulator.
 */
async function benchIsolation(n = 40) {
  const target = await startTarget(['demo']);
  // The DataLens partner key is generated in the background at start: let it finish first.
  await new Promise((r) => setTimeout(r, 1500));
  const token = await signEmbedToken({ privateKey: DEMO_PRIVATE_KEY, embedId: 'demoembedline', ttl: 36000 });
  const run = await load(target, { 'x-dl-embed-token': token }, JSON.stringify({}), 3);
  const measure = async (once) => {
    for (let i = 0; i < 5; i++) await once(`warm${i}`); // warm-up: compiled, heap grown
    const cpu0 = await cpuOf(target.child);
    for (let i = 0; i < n; i++) await once(`n${i}`);
    return ((await cpuOf(target.child)) - cpu0) / n;
  };
  let round = 0;
  const namespace = await measure(async (name) => {
    await call(target.port, 'PUT', `/_mock/namespaces/${name}-${round++}`, 201);
    if (round % 20 === 0) await call(target.port, 'DELETE', '/_mock/namespaces', 200);
  });
  const reset = await measure(() => call(target.port, 'POST', '/_mock/reset', 200));
  target.child.kill();
  report('POST /api/run, demo chart (server CPU per request)', Math.round(run.cpuPerRequest), 'µs');
  report('Fresh namespace, demo seed (PUT /_mock/namespaces/<name>)', Math.round(namespace), 'µs CPU');
  report('  ratio namespace / POST /api/run (target <= 20)', (namespace / run.cpuPerRequest).toFixed(1), '×');
  report('Reset, demo seed (POST /_mock/reset)', Math.round(reset), 'µs CPU');
  report('  ratio reset / POST /api/run (target <= 20)', (reset / run.cpuPerRequest).toFixed(1), '×');
}

/** Bytes of the files under a folder; `skip` names a subfolder left out (a package's own node_modules). */
function sizeOf(dir, skip) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += e.name === skip ? 0 : sizeOf(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

/** Every installed package under node_modules (nested ones too): folder → name. */
function packagesIn(nodeModules, out = new Map()) {
  if (!existsSync(nodeModules)) return out;
  for (const e of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dirs = e.name.startsWith('@') ? readdirSync(join(nodeModules, e.name)).map((n) => join(e.name, n)) : [e.name];
    for (const d of dirs) {
      const p = join(nodeModules, d);
      if (!existsSync(join(p, 'package.json'))) continue;
      out.set(p, d);
      packagesIn(join(p, 'node_modules'), out);
    }
  }
  return out;
}

const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

/**
 * What a user installs: `npm pack` of this build, installed into a fresh `npm init -y` project with
 * install scripts off (download and unpack, from npm's cache when warm), then the one native
 * addon built separately (better-sqlite3: the local prebuild of this repository when there is one,
 * as scripts/consumer-test.sh does; a compile from source otherwise).
 */
async function benchFootprint() {
  const work = mkdtempSync(join(tmpdir(), 'dlm-footprint-'));
  const proj = join(work, 'project');
  mkdirSync(proj);
  const tarball = join(work, sh('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root }).trim());
  sh('npm', ['init', '-y'], { cwd: proj });
  let t = performance.now();
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: proj });
  const installMs = performance.now() - t;
  const nm = join(proj, 'node_modules');
  const packages = packagesIn(nm);
  const total = sizeOf(nm);
  const sizes = [...packages].map(([dir, name]) => ({ name, bytes: sizeOf(dir, 'node_modules') }));
  const tarballBytes = statSync(tarball).size;
  const top = sizes.filter((x) => x.name !== 'datalens-mock').sort((a, b) => b.bytes - a.bytes).slice(0, 4);
  const direct = Object.keys(JSON.parse(readFileSync(join(nm, 'datalens-mock/package.json'), 'utf8')).dependencies ?? {});
  // The native addon, built on its own.
  const addon = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  const env = { ...process.env };
  let how = 'compiled from source';
  if (existsSync(addon)) {
    const version = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    mkdirSync(join(work, 'addon/build/Release'), { recursive: true });
    mkdirSync(join(work, 'prebuilds'));
    copyFileSync(addon, join(work, 'addon/build/Release/better_sqlite3.node'));
    sh('tar', ['-czf', join(work, 'prebuilds', name), '-C', join(work, 'addon'), 'build']);
    env.npm_config_better_sqlite3_local_prebuilds = join(work, 'prebuilds');
    how = 'from a local prebuild (no download here)';
  }
  t = performance.now();
  sh('npm', ['rebuild', 'better-sqlite3'], { cwd: proj, env });
  const nativeMs = performance.now() - t;
  rmSync(work, { recursive: true, force: true });
  report('Package: npm pack tarball', Math.round(tarballBytes / 1024), 'KiB');
  report('Install into a fresh project (scripts off)', Math.round(installMs), 'ms', `${packages.size} packages (${direct.length} direct dependencies), npm cache warm`);
  report('  installed size, node_modules', Math.round(total / 1024), 'KiB', `largest: ${top.map((x) => `${x.name} ${Math.round(x.bytes / 1024)} KiB`).join(', ')}`);
  report('  native build: better-sqlite3', Math.round(nativeMs), 'ms', how);
}

async function benchPartner() {
  const script = join(import.meta.dirname, 'bench-partner.mjs');
  if (!existsSync(script)) return;
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: 'inherit' });
    child.once('exit', (c) => (c ? reject(new Error(`bench-partner exited ${c}`)) : resolve()));
  });
}

console.log(`datalens-mock bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
// `npm run bench -- run verify` runs only those parts (startup, verify, run, isolation, partner).
const only = process.argv.slice(2);
const parts = { startup: benchStartup, verify: benchVerify, run: benchRun, isolation: benchIsolation, partner: benchPartner, footprint: benchFootprint };
for (const [name, fn] of Object.entries(parts)) if (only.length === 0 || only.includes(name)) await fn();
