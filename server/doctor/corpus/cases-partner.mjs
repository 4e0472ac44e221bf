// Partner access-token cases (docs/fidelity.md, "Partner connector flow"). The corpus connector has partner
// key versions 1 and 2; the emulator's DataLens key of the corpus is version 5.
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { newRsaKey, partnerToken, publicPem } from './lib.mjs';

export function partnerCases({ keys }) {
  const base = { datalensKey: keys.datalens, partnerKey: keys.partner1 };
  const good = partnerToken(base);
  const [dv, pv, ct, sig] = good.split(':');
  const small = newRsaKey(1024);
  const encryptRaw = (text) => publicEncrypt({ key: createPublicKey(keys.datalens), padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text));

  return [
    { name: 'valid partner token', input: good, expect: [], message: undefined, summary: 'client_1234383' },
    { name: 'valid partner token, offline', mode: 'offline', input: good, expect: [] },
    { name: 'valid partner token, offline, with the partner public key', mode: 'offline', key: 'partner1', input: good, expect: [] },
    { name: 'valid partner token signed with key version 2', input: partnerToken({ ...base, partnerKey: keys.partner2, partnerVersion: '2' }), expect: [] },

    { name: 'three parts', input: `${dv}:${ct}:${sig}`, expect: ['DLM-601'] },
    { name: 'key version is not a number', input: `v1:${pv}:${ct}:${sig}`, expect: ['DLM-602'] },
    { name: 'both base64 parts URL-safe: both reported', input: partnerToken({ ...base, urlsafeCiphertext: true, urlsafeSignature: true }), expect: ['DLM-603', 'DLM-604'] },
    { name: 'ciphertext from a 1024-bit key', input: partnerToken({ ...base, datalensKey: publicPem(small) }), expect: ['DLM-605', 'DLM-614'] },
    { name: 'ciphertext from a 1024-bit key, offline', mode: 'offline', input: partnerToken({ ...base, datalensKey: publicPem(small) }), expect: ['DLM-605'] },
    { name: 'signature by a 1024-bit key, offline', mode: 'offline', input: partnerToken({ ...base, partnerKey: small }), expect: ['DLM-606'] },
    { name: 'unknown DataLens key version', input: partnerToken({ ...base, datalensVersion: '9' }), expect: ['DLM-610'] },
    { name: 'unknown partner key version', input: partnerToken({ ...base, partnerVersion: '7' }), expect: ['DLM-611'] },
    { name: 'signed with version 2, names version 1', input: partnerToken({ ...base, partnerKey: keys.partner2 }), expect: ['DLM-612'] },
    { name: 'signed by a key no connector has', input: partnerToken({ ...base, partnerKey: keys.stranger }), expect: ['DLM-613'] },
    { name: 'the base64 text was signed, not the bytes', input: partnerToken({ ...base, signBase64Text: true }), expect: ['DLM-613'], message: 'base64 text' },
    { name: 'offline: signed by another key than the one given', mode: 'offline', key: 'partner2', input: good, expect: ['DLM-613'] },
    { name: 'encrypted with another key than the DataLens key', input: partnerToken({ ...base, datalensKey: publicPem(keys.stranger) }), expect: ['DLM-614'] },
    { name: 'payload is not JSON', input: partnerToken({ ...base, ciphertext: encryptRaw('db_name=client_1') }), expect: ['DLM-614'] },
    { name: 'payload without db_name', input: partnerToken({ ...base, ciphertext: encryptRaw('{"database": "client_1"}') }), expect: ['DLM-614'] },
    { name: 'no connector registered', partner: 'none', input: good, expect: ['DLM-616'] },
  ];
}
