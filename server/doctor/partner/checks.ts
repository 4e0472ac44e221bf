import { createPublicKey, type KeyObject } from 'node:crypto';
import { isMockError } from '../../errors/catalogue.js';
import { inspectAccessToken, parseAccessToken, type ParsedAccessToken, type PartnerFinding, type PartnerTokenReport } from '../../partner/index.js';
import type { DlmCode } from '../codes/index.js';
import type { DoctorEnv, PartnerView } from '../env.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';
import { diagnoseKey } from '../token/key.js';

/** DataLens and partner keys are RSA-2048, so ciphertext and signature are 256 bytes. */
const RSA_2048_BYTES = 256;
/** Known-good stand-ins, so that each part can be checked on its own by the partner parser. */
const STAND_INS = ['1', '1', 'AAAA', 'AAAA'];
const PART_CODES: DlmCode[] = ['DLM-602', 'DLM-602', 'DLM-603', 'DLM-604'];

/** The partner module's finding codes (catalogue reasons and a few of its own) → doctor codes. */
const FROM_PARTNER: Record<string, DlmCode | null> = {
  PARTNER_TOKEN_MALFORMED: 'DLM-601',
  PARTNER_UNKNOWN_DATALENS_KEY_VERSION: 'DLM-610',
  PARTNER_UNKNOWN_PARTNER_KEY_VERSION: 'DLM-611',
  PARTNER_KEY_VERSION_MISMATCH: 'DLM-612',
  PARTNER_SIGNATURE_INVALID: 'DLM-613',
  PARTNER_DECRYPT_FAILED: 'DLM-614',
  PARTNER_KEY_SIZE: 'DLM-606',
  // Whitespace is trimmed off every input, and "unchecked" is said in the summary instead.
  PARTNER_TOKEN_WHITESPACE: null,
  PARTNER_SIGNATURE_UNCHECKED: null,
};

/** Adds the partner module's findings, except codes the doctor has already reported itself. */
function addFrom(list: PartnerFinding[], f: Findings): void {
  for (const p of list) {
    const code = FROM_PARTNER[p.code];
    if (code === undefined) throw new Error(`doctor: no DLM code for partner finding ${p.code}`);
    if (code && !f.has(code)) f.add(code, { path: 'partner', message: p.message, severity: p.severity, hint: p.hint });
  }
}

/** Structure (`<datalens_key_version>:<partner_key_version>:<ciphertext>:<signature>`): four parts, each checked on its own by the partner parser. */
function readStructure(text: string, f: Findings): ParsedAccessToken | undefined {
  const parts = text.split(':');
  if (parts.length !== 4) {
    try {
      parseAccessToken(text);
    } catch (e) {
      f.add('DLM-601', { path: 'partner', message: isMockError(e) ? e.message : String(e) });
    }
    return undefined;
  }
  parts.forEach((part, i) => {
    const probe = STAND_INS.map((s, j) => (j === i ? part : s)).join(':');
    try {
      parseAccessToken(probe);
    } catch (e) {
      if (!isMockError(e)) throw e;
      f.add(PART_CODES[i], { path: `partner.${e.field ?? i}`, message: e.message });
    }
  });
  return f.list.some((x) => /^DLM-60[1-4]$/.test(x.code)) ? undefined : parseAccessToken(text);
}

/** The partner's own public key given with --key: checks the signature offline. */
function checkWithUserKey(text: string, t: ParsedAccessToken, keyText: string, f: Findings, summary: Summary): void {
  const key = diagnoseKey(keyText, 'verify', 'key');
  for (const x of key.findings) if (x.code !== 'DLM-310') f.list.push(x);
  if (!key.publicPem) return;
  const report = inspectAccessToken(text, { partnerKeys: new Map([[t.partnerKeyVersion, createPublicKey(key.publicPem)]]) });
  addFrom(report.findings, f);
  if (report.signature === 'valid') summary.add('Signature', `valid with the key you gave (as partner key version ${t.partnerKeyVersion})`);
}

/** Against the emulator: the DataLens key version, then every connector until one signed it. */
function checkWithEmulator(text: string, t: ParsedAccessToken, pv: PartnerView, f: Findings, summary: Summary): void {
  const versions = pv.datalensVersions();
  if (!versions.includes(t.datalensKeyVersion)) {
    f.add('DLM-610', { path: 'partner.datalens_key_version', message: `The token names DataLens key version ${t.datalensKeyVersion}; this server has ${versions.join(', ') || 'none'}.` });
  }
  const connectors = pv.connectors();
  if (!connectors.length) {
    f.add('DLM-616', { path: 'partner' });
    return;
  }
  const datalensKey = (v: number): KeyObject | undefined => pv.datalensKey(v);
  const reports = connectors.map((c) => ({ c, r: inspectAccessToken(text, { datalensKey, partnerKeys: c.keys }) as PartnerTokenReport }));
  const signed = reports.find(({ r }) => r.signature === 'valid');
  const withVersion = reports.filter(({ c }) => c.keys.has(t.partnerKeyVersion));
  const chosen = signed ?? withVersion[0];
  if (!chosen) {
    const known = connectors.map((c) => `${c.connectorId} "${c.title}" has ${[...c.keys.keys()].join(', ')}`).join('; ');
    f.add('DLM-611', { path: 'partner.partner_key_version', message: `No connector has partner key version ${t.partnerKeyVersion} (${known}).` });
    return;
  }
  addFrom(chosen.r.findings, f);
  const who = `connector ${chosen.c.connectorId} "${chosen.c.title}"`;
  summary.add('Signature', signed ? `valid: partner key version ${t.partnerKeyVersion} of ${who}` : `checked against ${who}${withVersion.length > 1 ? ` and ${withVersion.length - 1} other connector(s)` : ''}`);
  if (signed && chosen.r.dbName) summary.add('db_name', chosen.r.dbName);
  else if (!signed) summary.add('Decryption', 'not attempted: nothing is decrypted before its signature verifies');
}

/** Every check of a partner access token (docs/fidelity.md, "Partner connector flow"). */
export function checkPartnerToken(text: string, env: DoctorEnv, f: Findings, summary: Summary): void {
  const t = readStructure(text, f);
  if (!t) return;
  summary.add('Key versions', `DataLens key ${t.datalensKeyVersion}, partner key ${t.partnerKeyVersion}`);
  summary.add('Parts', `ciphertext ${t.ciphertext.length} bytes, signature ${t.signature.length} bytes`);
  if (t.ciphertext.length !== RSA_2048_BYTES) {
    f.add('DLM-605', { path: 'partner.encrypted_data', message: `encrypted_data is ${t.ciphertext.length} bytes; one RSA-2048 ciphertext is ${RSA_2048_BYTES}.` });
  }
  if (t.signature.length !== RSA_2048_BYTES) {
    f.add('DLM-606', { path: 'partner.signature', message: `The signature is ${t.signature.length} bytes; a signature by an RSA-2048 key is ${RSA_2048_BYTES}.` });
  }
  if (env.key !== undefined) checkWithUserKey(text, t, env.key, f, summary);
  const pv = env.emulator?.partner;
  if (pv) checkWithEmulator(text, t, pv, f, summary);
  else if (env.key === undefined) {
    summary.add('Signature', env.emulator ? 'not checked: this server has no partner connectors module' : 'not checked: no server and no key (give --server URL, or --key with your partner public key)');
  }
}
