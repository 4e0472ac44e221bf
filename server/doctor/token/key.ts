import { describeKeyFormat, publicForPrivate, publicSpkiPem, readKeyText, type KeyMistake, type KeyReading } from '../../tokens/key-text.js';
import type { DlmCode } from '../codes/index.js';
import type { EmulatorView } from '../env.js';
import { finding, type Finding } from '../findings.js';
import type { Summary } from '../report.js';

const CODE: Record<KeyMistake, DlmCode> = {
  'jose-pkcs8': 'DLM-315',
  'escaped-newlines': 'DLM-311',
  'no-armour': 'DLM-312',
  'public-for-private': 'DLM-313',
  'object-id': 'DLM-314',
  unreadable: 'DLM-307',
};

export interface KeyDiagnosis extends KeyReading {
  findings: Finding[];
  /** SPKI PEM of the key (its public half), when it could be read. */
  publicPem?: string;
}

/**
 * The doctor's reading of a key: every mistake as a finding with its fix (DLM-31x), and the
 * public half to verify with. `signing`: the key a backend signs with (a key pasted as the input),
 * where a public key is itself a mistake; `verify`: `--key`, which may be either half.
 */
export function diagnoseKey(text: string, role: 'signing' | 'verify', path: string): KeyDiagnosis {
  const r = readKeyText(text);
  const findings = r.problems.map((p) => finding(CODE[p.mistake], { path, message: p.message, hint: p.fix }));
  if (role === 'signing' && r.kind === 'public') {
    const p = publicForPrivate('The key');
    findings.push(finding('DLM-313', { path, message: p.message, hint: p.fix }));
  }
  if (r.kind === 'private' && r.format === 'pkcs1' && !r.problems.some((p) => p.mistake === 'jose-pkcs8')) findings.push(finding('DLM-310', { path }));
  return { ...r, findings, ...(r.key && { publicPem: publicSpkiPem(r.key) }) };
}

/** Summary lines of a key read: its kind and format, and which registered key it is. */
export function summariseKey(d: KeyDiagnosis, summary: Summary, em?: EmulatorView): void {
  if (!d.key || !d.format) return;
  const bits = d.key.asymmetricKeyDetails?.modulusLength;
  summary.add('Key', `RSA${bits ? `-${bits}` : ''} ${d.kind} key, ${describeKeyFormat(d.format)}`);
  if (!em || !d.publicPem) return;
  const secret = em.secrets().find((s) => s.publicKey === d.publicPem);
  if (!secret) {
    summary.add('Registered', `no key of this server has this public key (${em.secrets().length} registered)`);
    return;
  }
  const embeds = em.embeds().filter((e) => e.embeddingSecretId === secret.embeddingSecretId).map((e) => e.embedId);
  summary.add('Registered', `secret ${secret.embeddingSecretId} "${secret.title}", ${embeds.length ? `used by embed${embeds.length === 1 ? '' : 's'} ${embeds.join(', ')}` : 'used by no embed'}`);
}
