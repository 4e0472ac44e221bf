// Minting helpers for the doctor corpus generator: JWTs signed any way (right and wrong), and
// partner access tokens built as the partner-connector guide's Python sample does. Test keys only.
import { constants, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, publicEncrypt, sign } from 'node:crypto';

export const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export function newRsaKey(bits = 2048) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export const publicPem = (privatePem) => createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();

/**
 * A compact JWS. `alg` picks the real algorithm; `salt` ('digest' | 'max') the PSS salt length;
 * `header` overrides header fields (e.g. alg: 'none' with `unsigned`).
 */
export function jwt(payload, o = {}) {
  const alg = o.alg ?? 'PS256';
  const header = { alg, typ: 'JWT', ...o.header };
  const input = `${b64url(header)}.${b64url(payload)}`;
  if (o.unsigned) return `${input}.`;
  const bits = alg.slice(2);
  let sig;
  if (alg.startsWith('HS')) sig = createHmac(`sha${bits}`, o.secret ?? 'a-shared-secret').update(input).digest();
  else {
    const key = createPrivateKey(o.key);
    const pss = alg.startsWith('PS');
    sig = sign(`sha${bits}`, Buffer.from(input), {
      key,
      padding: pss ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING,
      ...(pss && { saltLength: o.salt === 'max' ? constants.RSA_PSS_SALTLEN_MAX_SIGN : Number(bits) / 8 }),
    });
  }
  return `${input}.${sig.toString('base64url')}`;
}

/** The partner-connector guide's recipe: encrypt with the DataLens public key, sign the ciphertext with the partner key. */
export function partnerToken(o) {
  const plaintext = Buffer.from(o.plaintext ?? JSON.stringify({ db_name: o.dbName ?? 'client_1234383' }).replace(/":"/g, '": "'));
  const ciphertext = o.ciphertext ?? publicEncrypt({ key: createPublicKey(o.datalensKey), padding: constants.RSA_PKCS1_PADDING }, plaintext);
  const signed = o.signBase64Text ? Buffer.from(ciphertext.toString('base64')) : ciphertext;
  const signature = sign('sha1', signed, { key: createPrivateKey(o.partnerKey), padding: constants.RSA_PKCS1_PADDING });
  const b64 = (b, urlsafe) => (urlsafe ? b.toString('base64url') : b.toString('base64'));
  return [o.datalensVersion ?? '5', o.partnerVersion ?? '1', b64(ciphertext, o.urlsafeCiphertext), b64(signature, o.urlsafeSignature)].join(':');
}
