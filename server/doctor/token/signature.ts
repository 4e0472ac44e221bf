import { constants, verify } from 'node:crypto';
import { compactVerify } from 'jose';
import { isMockError } from '../../errors/catalogue.js';
import type { EmbeddingInfo } from '../../store/index.js';
import type { PublicKeyCache } from '../../tokens/keys.js';
import { wrongKeyHint } from '../../tokens/key-origin.js';
import { diagnoseKey } from './key.js';
import { verifySignature } from '../../tokens/verify.js';
import type { EmbeddingSecret, Entry } from '../../core/types.js';
import type { DoctorEnv, EmulatorView } from '../env.js';
import type { Findings } from '../findings.js';
import type { Summary } from '../report.js';
import { didYouMean } from '../similar.js';
import type { ReadToken } from './structure.js';

/** RSA algorithms: a token signed with one of them can be matched to an RSA key, even if it is not PS256. */
const RSA_ALG = /^(PS|RS)(256|384|512)$/;

type KeyVerdict = 'valid' | 'salt' | 'invalid';

/**
 * Does `pem` verify the token? PS256 goes through the emulator's own verifySignature; other RSA
 * algorithms only serve to name the signer. A PSS signature that verifies only with an
 * auto-detected salt length was made with the wrong salt (docs/fidelity.md, "Token rules").
 */
async function verifyWith(token: string, alg: string, pem: string, keys: PublicKeyCache): Promise<KeyVerdict> {
  // A crit header is its own finding (DLM-111): the key is still named by the raw signature.
  let crit = false;
  try {
    if (alg === 'PS256') await verifySignature(token, pem, keys);
    else await compactVerify(token, keys.get(pem), { algorithms: [alg] });
    return 'valid';
  } catch (e) {
    crit = isMockError(e) && e.reason === 'TOKEN_HEADER_CRIT';
    if (isMockError(e) && e.reason !== 'TOKEN_SIGNATURE_INVALID' && !crit) throw e;
  }
  if (!alg.startsWith('PS')) return 'invalid';
  const [h, p, s] = token.split('.');
  const pss = (saltLength: number) =>
    verify(`sha${alg.slice(2)}`, Buffer.from(`${h}.${p}`), { key: keys.get(pem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, Buffer.from(s, 'base64url'));
  try {
    if (crit && alg === 'PS256' && pss(32)) return 'valid';
    return pss(constants.RSA_PSS_SALTLEN_AUTO) ? 'salt' : 'invalid';
  } catch {
    return 'invalid';
  }
}


const secretName = (s: Pick<EmbeddingSecret, 'embeddingSecretId' | 'title'>) => `secret ${s.embeddingSecretId} "${s.title}"`;

function embedsOf(em: EmulatorView, secretId: string): string {
  const ids = em.embeds().filter((e) => e.embeddingSecretId === secretId).map((e) => `${e.embedId} "${e.title}"`);
  return ids.length ? `used by embed${ids.length === 1 ? '' : 's'} ${ids.join(', ')}` : 'used by no embed';
}

/** The registered key that made the signature, if any. */
async function findSigner(token: string, alg: string, em: EmulatorView): Promise<{ secret: EmbeddingSecret; verdict: KeyVerdict } | undefined> {
  for (const secret of em.secrets()) {
    const verdict = await verifyWith(token, alg, secret.publicKey, em.keys);
    if (verdict !== 'invalid') return { secret, verdict };
  }
  return undefined;
}

async function checkUserKey(token: string, alg: string | undefined, env: DoctorEnv, f: Findings, summary: Summary, keys: PublicKeyCache) {
  const key = diagnoseKey(env.key!, 'verify', 'key');
  for (const x of key.findings) f.list.push(x);
  if (!key.publicPem) return;
  if (!alg) return;
  const verdict = await verifyWith(token, alg, key.publicPem, keys);
  if (verdict === 'valid') summary.add('Signature', `valid with the key you gave${alg === 'PS256' ? '' : ` (but made with ${alg})`}`);
  else if (verdict === 'salt') f.add('DLM-305', { path: 'signature', message: 'The signature verifies with the key you gave only with a PSS salt length other than 32 bytes.' });
  else f.add('DLM-306', { path: 'signature' });
}

export interface SignatureResult {
  info?: EmbeddingInfo;
  entry?: Entry;
}

/**
 * The US stage (docs/fidelity.md, "Two-stage check"): does embedId name an embed, and does its key verify the
 * signature? When it does not, every registered key is tried to name the one that did.
 */
export async function checkSignature(read: ReadToken, env: DoctorEnv, f: Findings, summary: Summary, keys: PublicKeyCache): Promise<SignatureResult> {
  const { header, payload, repaired: token } = read;
  if (!header || !payload) return {};
  const alg = typeof header.alg === 'string' && RSA_ALG.test(header.alg) && token.split('.')[2] ? header.alg : undefined;
  if (env.key !== undefined) await checkUserKey(token, alg, env, f, summary, keys);
  const em = env.emulator;
  const embedId = payload.embedId;
  if (!em) {
    if (env.key === undefined) summary.add('Signature', 'not checked: no server and no key (give --server URL or --key PEM)');
    return {};
  }
  if (typeof embedId !== 'string') return {};

  const info = em.embeddingInfo(embedId);
  if (!info) {
    const signer = alg ? await findSigner(token, alg, em) : undefined;
    const near = didYouMean(embedId, em.embeds().map((e) => e.embedId), 3);
    const bySigner = signer ? ` The signature verifies with ${secretName(signer.secret)}, ${embedsOf(em, signer.secret.embeddingSecretId)}.` : '';
    f.add('DLM-301', {
      path: 'payload.embedId',
      message: `No embed has embedId ${JSON.stringify(embedId)} on this server (never created, deleted, or its key was deleted).${near ? ` Did you mean ${JSON.stringify(near)}?` : ''}${bySigner}`,
    });
    return {};
  }

  const entry = em.entry(info.embed.entryId);
  if (!entry) f.add('DLM-302', { path: 'payload.embedId', message: `Embed ${embedId} points to entry ${info.embed.entryId}, which was deleted.` });
  const own = em.secrets().find((s) => s.embeddingSecretId === info.secret.embeddingSecretId);
  const ownName = own ? secretName(own) : `secret ${info.secret.embeddingSecretId}`;
  summary.add('Embed', `${embedId} "${info.embed.title}"${entry ? ` → ${entry.scope === 'dash' ? 'dashboard' : 'chart'} ${entry.entryId} "${entry.title}"` : ''}`);
  if (!alg) {
    summary.add('Signature', 'not checked: the token is not signed with an RSA algorithm');
    return { info, entry };
  }

  const verdict = await verifyWith(token, alg, info.publicKey, em.keys);
  if (verdict === 'valid') {
    summary.add('Signature', `${alg === 'PS256' ? 'valid' : `made with the right key, but with ${alg}`}: signed with the key of embed ${embedId} / ${ownName}`);
  } else if (verdict === 'salt') {
    f.add('DLM-305', { path: 'signature', message: `The signature was made with the key of embed ${embedId} (${ownName}), but with a PSS salt length other than 32 bytes.` });
  } else {
    const signer = await findSigner(token, alg, em);
    if (signer?.verdict === 'valid') {
      f.add('DLM-303', {
        path: 'signature',
        message: `The token was signed with the key of ${secretName(signer.secret)} (${embedsOf(em, signer.secret.embeddingSecretId)}), but embed ${embedId} uses ${ownName}.`,
        hint: `${wrongKeyHint(em.keys, info.secret.embeddingSecretId)} Or point the embed at the key you sign with (updateEmbed {embeddingSecretId}).`,
      });
    } else if (signer) {
      f.add('DLM-305', { path: 'signature', message: `The signature was made with the key of ${secretName(signer.secret)}, with a PSS salt length other than 32 bytes; embed ${embedId} uses ${ownName}.` });
    } else {
      f.add('DLM-304', {
        path: 'signature',
        message: `The signature verifies neither with the key of embed ${embedId} (${ownName}) nor with any of the ${em.secrets().length} registered keys.`,
        hint: `${wrongKeyHint(em.keys, info.secret.embeddingSecretId)} Check that the token was not edited after signing.`,
      });
    }
  }
  return { info, entry };
}
