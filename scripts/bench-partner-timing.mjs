// How long the emulator takes to refuse a partner access token whose ciphertext does not open,
// by cause, against the BUILT code (npm run build → dist/):
//   bad padding    a ciphertext whose RSA output is not PKCS#1 v1.5 type-2 padding
//   not UTF-8      valid padding around bytes that are not UTF-8 (what a padding-oracle attack sends)
//   not a payload  valid padding around UTF-8 text that is not {"db_name": …}
// Both refusals are the same 400 PARTNER_DECRYPT_FAILED; a difference in time would tell valid
// padding from bad (a Bleichenbacher oracle). Each call is timed alone (process.hrtime), the causes
// interleaved, and the median of the paired differences printed; the difference is printed with the RSA operation's own
// median for scale. It reports, it does not judge: the figure depends on the machine.
//   node scripts/bench-partner-timing.mjs [--dist DIR] [--rounds N]
import { constants, generateKeyPairSync, publicEncrypt, randomBytes, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(arg('--dist', join(import.meta.dirname, '..', 'dist')), 'server', 'partner');
if (!existsSync(join(dist, 'access-token.js'))) {
  console.error(`bench-partner-timing: ${dist} is missing; run npm run build first.`);
  process.exit(2);
}
const rounds = Number(arg('--rounds', '4000'));
const load = (name) => import(pathToFileURL(join(dist, name)).href);
const { openPayload } = await load('access-token.js');
const { decryptPkcs1v15, rsaPrivateRaw } = await load('rsa.js');
const { parseAccessToken } = await load('token.js');

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const datalens = pair();
const partner = pair();
const tokenOf = (ciphertext) => {
  const signature = sign('sha1', ciphertext, { key: partner.privateKey, padding: constants.RSA_PKCS1_PADDING });
  return parseAccessToken(`1:1:${ciphertext.toString('base64')}:${signature.toString('base64')}`);
};
const encrypt = (bytes) => publicEncrypt({ key: datalens.publicKey, padding: constants.RSA_PKCS1_PADDING }, bytes);

/** 64 tokens of each cause, so that no single ciphertext decides the figure. */
function make(kind) {
  const out = [];
  while (out.length < 64) {
    if (kind === 'bad padding') {
      const c = randomBytes(256);
      c[0] = 0; // below the modulus
      if (decryptPkcs1v15(datalens.privateKey, c) === null) out.push(tokenOf(c));
    } else if (kind === 'not UTF-8') {
      const m = randomBytes(200);
      if (!Buffer.from(m.toString('utf8'), 'utf8').equals(m)) out.push(tokenOf(encrypt(m)));
    } else {
      out.push(tokenOf(encrypt(Buffer.from(`db_name=client_${out.length} (not JSON)`))));
    }
  }
  return out;
}
const causes = ['bad padding', 'not UTF-8', 'not a payload'];
const tokens = Object.fromEntries(causes.map((k) => [k, make(k)]));

const refuse = (t) => {
  try {
    openPayload(t, datalens.privateKey);
  } catch (e) {
    return e;
  }
  throw new Error('a bench token opened');
};
for (const k of causes) {
  const codes = new Set(tokens[k].map((t) => refuse(t).reason));
  if (codes.size !== 1 || !codes.has('PARTNER_DECRYPT_FAILED')) throw new Error(`${k}: refused as ${[...codes]}`);
}

const time = (fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
};
const samples = Object.fromEntries([...causes, 'RSA alone'].map((k) => [k, []]));
for (let i = 0; i < 200; i++) for (const k of causes) refuse(tokens[k][i % 64]); // warm up
for (let i = 0; i < rounds; i++) {
  // The order turns every round, so that no cause is always first (or always after the RSA alone).
  for (let j = 0; j < causes.length; j++) {
    const k = causes[(i + j) % causes.length];
    samples[k].push(time(() => refuse(tokens[k][i % 64])));
  }
  samples['RSA alone'].push(time(() => rsaPrivateRaw(datalens.privateKey, tokens['bad padding'][i % 64].ciphertext)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
console.log(`partner token refusal time by cause, RSA-2048, median of ${rounds} calls each (Node ${process.version})`);
for (const k of [...causes, 'RSA alone']) console.log(`  ${k.padEnd(14)} ${m[k].toFixed(1).padStart(8)} µs`);
// Paired: the difference within each round (the calls of one round run back to back, so a busy
// moment of the machine weighs on both), then its median.
for (const k of causes.slice(1)) {
  const paired = median(samples[k].map((t, i) => t - samples['bad padding'][i]));
  console.log(`  ${k} − bad padding: ${paired.toFixed(1)} µs (median of paired differences)`);
}
