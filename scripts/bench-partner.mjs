// Partner access-token decryption speed, on one core, against the BUILT code
// (npm run build → dist/). Reports decryptions per second for:
//   raw      crypto.privateDecrypt with RSA_NO_PADDING alone (the RSA private operation, the ceiling)
//   fast     the emulator's path: raw operation + constant-time PKCS#1 v1.5 unpad (server/partner/pkcs1.ts)
//   token    a whole access token: parse + SHA-1 signature check + decrypt + JSON payload
//   forge    node-forge's pure-JS PKCS#1 v1.5 decryption (the independent cross-check of the tests)
// Targets: fast >= 1000/s and fast >= 0.8 x raw. Exits 1 when fast is under 0.8 x raw (that ratio
// does not depend on the machine); the absolute rate is reported against its target.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import forge from 'node-forge';

const dist = join(import.meta.dirname, '..', 'dist', 'server', 'partner');
if (!existsSync(join(dist, 'rsa.js'))) {
  console.error(`bench-partner: ${dist} is missing; run npm run build first.`);
  process.exit(2);
}
const load = (name) => import(pathToFileURL(join(dist, name)).href);
const { decryptPkcs1v15, rsaPrivateRaw } = await load('rsa.js');
const { mintAccessToken } = await load('mint.js');
const { openAccessToken } = await load('access-token.js');

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
const datalens = pair();
const partner = pair();
const tokens = Array.from({ length: 256 }, (_, i) =>
  mintAccessToken({ datalensPublicKey: datalens.publicKey, partnerPrivateKey: partner.privateKey, dbName: `client_${i}` }),
);
const ciphertexts = tokens.map((t) => Buffer.from(t.split(':')[2], 'base64'));
const binaries = ciphertexts.map((c) => c.toString('binary'));
const keys = { datalensKey: () => datalens.privateKey, partnerKeys: new Map([[1, partner.publicKey]]) };
const forgeKey = forge.pki.privateKeyFromPem(datalens.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

const cases = {
  raw: (i) => rsaPrivateRaw(datalens.privateKey, ciphertexts[i]),
  fast: (i) => decryptPkcs1v15(datalens.privateKey, ciphertexts[i]),
  token: (i) => openAccessToken(tokens[i], keys),
  forge: (i) => forgeKey.decrypt(binaries[i], 'RSAES-PKCS1-V1_5'),
};

// Correctness first: every path agrees on every token.
for (let i = 0; i < tokens.length; i += 37) {
  const expected = `{"db_name": "client_${i}"}`;
  if (cases.fast(i).toString() !== expected || cases.forge(i) !== expected || cases.token(i).dbName !== `client_${i}`) {
    console.error(`bench-partner: paths disagree on token ${i}`);
    process.exit(2);
  }
}

/**
 * Runs fn for about `ms` milliseconds of this process's CPU time; returns operations per CPU
 * second. CPU time, not wall time: other processes on a busy machine do not lower the figure, and
 * every call here runs synchronously on the one main thread ("one core").
 */
function measure(fn, ms) {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let n = 0;
  const start = cpu();
  let now = start;
  while (now - start < ms / 1000) {
    for (let k = 0; k < 8; k++) fn(n++ % tokens.length);
    now = cpu();
  }
  return n / (now - start);
}

// Interleaved rounds, so that a busy moment of the machine affects every path alike.
const rounds = 5;
const totals = { raw: [], fast: [], token: [], forge: [] };
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(cases)) totals[name].push(measure(fn, name === 'forge' ? 400 : 300));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rate = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, median(v)]));

const fmt = (x) => x.toFixed(0).padStart(8);
console.log(`partner token decryption, RSA-2048, per CPU-second on one core (Node ${process.version}, median of ${rounds} rounds)`);
console.log(`  raw   privateDecrypt RSA_NO_PADDING      ${fmt(rate.raw)} /s`);
console.log(`  fast  raw + constant-time unpad         ${fmt(rate.fast)} /s   ${(rate.fast / rate.raw).toFixed(3)} x raw`);
console.log(`  token parse + verify + decrypt + JSON   ${fmt(rate.token)} /s   ${(rate.token / rate.raw).toFixed(3)} x raw`);
console.log(`  forge node-forge PKCS#1 v1.5            ${fmt(rate.forge)} /s   fast is ${(rate.fast / rate.forge).toFixed(0)} x forge`);
const ratioOk = rate.fast >= 0.8 * rate.raw;
const rateOk = rate.fast >= 1000;
console.log(`  target fast >= 0.8 x raw: ${ratioOk ? 'met' : 'MISSED'}; target fast >= 1000/s: ${rateOk ? 'met' : 'missed on this machine'}`);
process.exitCode = ratioOk ? 0 : 1;
