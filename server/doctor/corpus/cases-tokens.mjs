// Embed-token cases: one planted defect each (plus a few valid tokens and one with many defects).
import { b64url, jwt } from './lib.mjs';
import { ID } from './seed.mjs';

export function tokenCases({ keys, clock }) {
  const MARK = 'YC_DATALENS_EMBEDDING_SERVICE_MARK';
  const base = (embedId) => ({ embedId, dlEmbedService: MARK, iat: clock - 60, exp: clock + 300, params: {} });
  const signed = (embedId, extra = {}, o = {}) => jwt({ ...base(embedId), ...extra }, { key: keys.embedA, ...o });
  const good = signed(ID.chartOpen);
  const [h, p, s] = good.split('.');
  const stdPayload = Buffer.from(p, 'base64url').toString('base64');

  return [
    // Valid: no finding at all.
    { name: 'valid chart token', input: good, expect: [] },
    { name: 'valid chart token, offline', mode: 'offline', input: good, expect: [] },
    { name: 'valid token with a signed param', input: signed(ID.chartOpen, { params: { region: 'North' } }), expect: [] },
    { name: 'valid token with an array param', input: signed(ID.chartOpen, { params: { region: ['North', 'South'] } }), expect: [] },
    { name: 'valid token living exactly 10 hours', input: signed(ID.chartOpen, { iat: clock - 10, exp: clock - 10 + 36000 }), expect: [] },
    { name: 'valid token signed with key B for its embed', input: signed(ID.chartDeny, {}, { key: keys.embedB }), expect: [] },
    { name: 'valid token in quotes, as copied from JSON', input: `"${good}"`, expect: [] },
    { name: 'valid token checked offline with its public key', mode: 'offline', key: 'embedA', input: good, expect: [] },
    { name: 'valid token checked offline with its private key', mode: 'offline', key: 'embedA:private', input: good, expect: [] },

    // Input.
    { name: 'empty input', input: '   ', expect: ['DLM-001'] },
    { name: 'not a token at all', input: 'hello world', expect: ['DLM-002'] },
    { name: 'the decoded payload instead of the token', input: JSON.stringify(base(ID.chartOpen)), expect: ['DLM-002'], message: 'a decoded payload is not a token' },
    { name: 'valid token pasted as a header line', input: `x-dl-embed-token: ${good}`, expect: [] },

    // Structure (gateway stage: 400 "Wrong token format").
    { name: 'a line break inside the token', input: `${good.slice(0, 60)}\n${good.slice(60)}`, expect: ['DLM-003'] },
    { name: 'two parts: signature missing', input: `${h}.${p}`, expect: ['DLM-101'] },
    { name: 'five parts: an encrypted JWE', input: `${h}.${p}.${s}.${s}.${s}`, expect: ['DLM-101'] },
    { name: 'header is not JSON', input: `${b64url('not json')}.${p}.${s}`, expect: ['DLM-102'] },
    { name: 'payload is a JSON array', input: `${h}.${b64url([1, 2])}.${s}`, expect: ['DLM-103'] },
    { name: 'payload URL-encoded', input: `${h}.${p.slice(0, 10)}%2E${p.slice(10)}.${s}`, expect: ['DLM-103'] },
    { name: 'unsigned token (alg none)', input: jwt(base(ID.chartOpen), { header: { alg: 'none' }, unsigned: true }), expect: ['DLM-104', 'DLM-110'] },
    { name: 'payload re-encoded as standard base64', input: `${h}.${stdPayload}.${s}`, expect: ['DLM-105'] },
    { name: 'RS256 with the right key', input: signed(ID.chartOpen, {}, { alg: 'RS256' }), expect: ['DLM-110'] },
    { name: 'PS512 with the right key', input: signed(ID.chartOpen, {}, { alg: 'PS512' }), expect: ['DLM-110'] },
    { name: 'HS256 with a shared secret', input: signed(ID.chartOpen, {}, { alg: 'HS256' }), expect: ['DLM-110'] },
    { name: 'alg in lower case', input: signed(ID.chartOpen, {}, { header: { alg: 'ps256' } }), expect: ['DLM-110'] },

    // Claims.
    { name: 'embedId missing', input: signed(ID.chartOpen, { embedId: undefined }), expect: ['DLM-201'] },
    { name: 'embedId is a number', input: signed(ID.chartOpen, { embedId: 12345 }), expect: ['DLM-202'] },
    { name: 'embedId copied masked from the docs', input: signed('ieez7********'), expect: ['DLM-203', 'DLM-301'] },
    { name: 'dlEmbedService missing', input: signed(ID.chartOpen, { dlEmbedService: undefined }), expect: ['DLM-210'] },
    { name: 'dlEmbedService misspelt (did you mean)', input: signed(ID.chartOpen, { dlEmbedService: 'YC_DATALENS_EMBEDING_SERVICE_MARK' }), expect: ['DLM-211'], message: 'Did you mean "YC_DATALENS_EMBEDDING_SERVICE_MARK"?' },
    { name: 'dlEmbedService in lower case', input: signed(ID.chartOpen, { dlEmbedService: MARK.toLowerCase() }), expect: ['DLM-211'] },
    { name: 'iat missing', input: signed(ID.chartOpen, { iat: undefined }), expect: ['DLM-220'] },
    { name: 'exp missing', input: signed(ID.chartOpen, { exp: undefined }), expect: ['DLM-221'] },
    { name: 'exp as a string', input: signed(ID.chartOpen, { exp: String(clock + 300) }), expect: ['DLM-222'] },
    { name: 'exp in milliseconds', input: signed(ID.chartOpen, { exp: (clock + 300) * 1000 }), expect: ['DLM-223'] },
    { name: 'iat in milliseconds', input: signed(ID.chartOpen, { iat: (clock - 60) * 1000 }), expect: ['DLM-223'] },
    { name: 'expired 2 minutes ago', input: signed(ID.chartOpen, { iat: clock - 420, exp: clock - 120 }), expect: ['DLM-224'], message: 'expired 120 s ago' },
    { name: 'nbf in the future', input: signed(ID.chartOpen, { nbf: clock + 600 }), expect: ['DLM-225'] },
    { name: 'lifetime 10 h + 1 s', input: signed(ID.chartOpen, { iat: clock - 10, exp: clock - 10 + 36001 }), expect: ['DLM-226'] },
    { name: 'iat 10 minutes in the future (minting clock ahead)', input: signed(ID.chartOpen, { iat: clock + 600, exp: clock + 900 }), expect: ['DLM-227'] },
    { name: 'iat set 2 hours ahead: exp - iat is 10 h, so the token lives 12 h', input: signed(ID.chartOpen, { iat: clock + 7200, exp: clock + 7200 + 36000 }), expect: ['DLM-227', 'DLM-228'] },
    { name: 'params serialised twice (a JSON string)', input: signed(ID.chartOpen, { params: JSON.stringify({ region: 'North' }) }), expect: ['DLM-230'] },
    { name: 'a number param value', input: signed(ID.chartOpen, { params: { region: 2024 } }), expect: ['DLM-231'] },
    { name: 'an object param value', input: signed(ID.chartOpen, { params: { region: { eq: 'North' } } }), expect: ['DLM-231'] },
    { name: '"param" instead of "params"', input: signed(ID.chartOpen, { params: undefined, param: { region: 'North' } }), expect: ['DLM-232'] },
    { name: 'larger than 30 KB', input: signed(ID.chartOpen, { params: { region: 'x'.repeat(31000) } }), expect: ['DLM-240'] },
    { name: 'over 80 % of 30 KB', input: signed(ID.chartOpen, { params: { region: 'x'.repeat(19500) } }), expect: ['DLM-241'] },

    // Embed and signature (the US stage).
    { name: 'no such embed (signed with key A)', input: signed('dcnosuchembed'), expect: ['DLM-301'], message: 'The signature verifies with secret dcsecreta0001' },
    { name: 'embedId one letter off (did you mean)', input: signed('dcembchart00l'), expect: ['DLM-301'], message: 'Did you mean "dcembchart001"?' },
    { name: "signed with another registered key (key B for an embed of key A)", input: signed(ID.chartOpen, {}, { key: keys.embedB }), expect: ['DLM-303'], message: 'signed with the key of secret dcsecretb0001' },
    { name: 'signed with an unknown key', input: signed(ID.chartOpen, {}, { key: keys.stranger }), expect: ['DLM-304'] },
    { name: 'PSS with the maximum salt length', input: signed(ID.chartOpen, {}, { salt: 'max' }), expect: ['DLM-305'] },
    { name: 'offline: wrong key given', mode: 'offline', key: 'embedB', input: good, expect: ['DLM-306'] },
    { name: 'offline: unusable key given', mode: 'offline', key: 'garbage', input: good, expect: ['DLM-307'] },
    { name: 'the token edited after signing', input: `${h}.${b64url({ ...base(ID.chartOpen), params: { region: 'South' } })}.${s}`, expect: ['DLM-304'] },

    // Many defects at once: every one is reported.
    {
      name: 'many defects in one token',
      input: jwt({ embedId: ID.chartOpen, dlEmbedService: 'YC_DATALENS_SERVICE_MARK', iat: clock - 40000, exp: clock - 100, params: { region: 1 } }, { key: keys.embedA, alg: 'RS256' }),
      expect: ['DLM-110', 'DLM-211', 'DLM-224', 'DLM-226', 'DLM-231'],
    },
  ];
}
