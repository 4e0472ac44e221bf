import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { ID_PATTERN } from '../core/ids.js';

/**
 * Reading a key the way users hand it over, and naming the mistakes they make with it: DataLens
 * hands out PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`), which jose's `importPKCS8` refuses; env
 * files hold it with literal `\n`; it is stored as base64 without its PEM armour; the public half
 * lands where the private one belongs; an object id is pasted as "the key". Every key input of the
 * emulator (seed, `token --key`, `keygen --public-of`, the test kit, the doctor) reads keys here.
 */

/** The format a key was given in. */
export type KeyFormat = 'pkcs1' | 'pkcs8' | 'spki' | 'pkcs1-public';

export type KeyMistake = 'jose-pkcs8' | 'escaped-newlines' | 'no-armour' | 'public-for-private' | 'object-id' | 'unreadable';

export interface KeyProblem {
  mistake: KeyMistake;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix: string;
}

export interface KeyReading {
  /** The key, when it could be read (after repairing a mistake that hides it: `\n`, no armour). */
  key?: KeyObject;
  kind?: 'private' | 'public';
  format?: KeyFormat;
  problems: KeyProblem[];
}

/** jose's error for a key that is not PKCS#8 (`importPKCS8`), as users paste it. */
export const JOSE_PKCS8_ERROR = /must be PKCS#?8 formatted string/i;

const FORMAT_LABEL: Record<KeyFormat, string> = {
  pkcs1: 'PKCS#1 (-----BEGIN RSA PRIVATE KEY-----)',
  pkcs8: 'PKCS#8 (-----BEGIN PRIVATE KEY-----)',
  spki: 'SPKI (-----BEGIN PUBLIC KEY-----)',
  'pkcs1-public': 'PKCS#1 (-----BEGIN RSA PUBLIC KEY-----)',
};

export const describeKeyFormat = (format: KeyFormat): string => FORMAT_LABEL[format];

const PEM_LABEL: Record<KeyFormat, string> = { pkcs1: 'RSA PRIVATE KEY', pkcs8: 'PRIVATE KEY', spki: 'PUBLIC KEY', 'pkcs1-public': 'RSA PUBLIC KEY' };

/** The fix for jose: Node reads both formats; jose's importPKCS8 only PKCS#8. */
export const JOSE_PKCS8_FIX =
  "DataLens hands out PKCS#1 ('-----BEGIN RSA PRIVATE KEY-----'), and jose's importPKCS8 reads only PKCS#8. " +
  "Pass crypto.createPrivateKey(pem) to SignJWT's sign() instead (Node reads both), or convert the key once: " +
  'openssl pkcs8 -topk8 -nocrypt -in datalens.pem -out datalens.pkcs8.pem.';

function pemFormat(text: string): KeyFormat | 'encrypted' | undefined {
  const m = /-----BEGIN ((?:RSA |ENCRYPTED )?(?:PRIVATE|PUBLIC) KEY)-----/.exec(text);
  if (!m) return undefined;
  if (m[1] === 'ENCRYPTED PRIVATE KEY') return 'encrypted';
  return (Object.keys(PEM_LABEL) as KeyFormat[]).find((f) => PEM_LABEL[f] === m[1]);
}

/** A DER body (base64 without armour) read as each format in turn. */
function readDer(der: Buffer): { key: KeyObject; format: KeyFormat } | undefined {
  const tries: [KeyFormat, () => KeyObject][] = [
    // PKCS#8 first: OpenSSL also reads a PKCS#8 body when told it is PKCS#1.
    ['pkcs8', () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })],
    ['pkcs1', () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })],
    ['spki', () => createPublicKey({ key: der, format: 'der', type: 'spki' })],
    ['pkcs1-public', () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' })],
  ];
  for (const [format, read] of tries) {
    try {
      return { key: read(), format };
    } catch {
      /* the next format */
    }
  }
  return undefined;
}

/** PEM text of a DER body in a format, wrapped at 64 characters as PEM is. */
export function armour(base64: string, format: KeyFormat): string {
  const body = base64.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN ${PEM_LABEL[format]}-----\n${body}\n-----END ${PEM_LABEL[format]}-----\n`;
}

function readPem(pem: string, problems: KeyProblem[]): KeyReading {
  const format = pemFormat(pem);
  if (format === 'encrypted') {
    problems.push({
      mistake: 'unreadable',
      message: 'The key is encrypted with a passphrase (-----BEGIN ENCRYPTED PRIVATE KEY-----).',
      fix: 'DataLens keys carry no passphrase. Decrypt it once: openssl pkcs8 -in key.pem -out plain.pem (or use the key DataLens returned).',
    });
    return { problems };
  }
  try {
    const key = format === 'spki' || format === 'pkcs1-public' ? createPublicKey(pem) : createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') {
      problems.push({ mistake: 'unreadable', message: `The key is a ${key.asymmetricKeyType} key; DataLens embedding keys are RSA.`, fix: 'Use the RSA key DataLens returned for the embedding key (or datalens-mock keygen).' });
      return { problems };
    }
    return { key, kind: key.type === 'private' ? 'private' : 'public', format: format ?? (key.type === 'private' ? 'pkcs8' : 'spki'), problems };
  } catch (e) {
    problems.push({
      mistake: 'unreadable',
      message: `The PEM text cannot be read as a key: ${(e as Error).message}.`,
      fix: 'Copy the key whole, from its -----BEGIN line to its -----END line, with its line breaks.',
    });
    return { problems };
  }
}

/**
 * Reads a key given as text, and names every mistake found on the way. A mistake that only hides
 * the key (literal `\n`, no armour) is repaired to read the key, and still reported.
 */
export function readKeyText(raw: string): KeyReading {
  const problems: KeyProblem[] = [];
  let text = raw.trim().replace(/^(["'`])([\s\S]*)\1$/, '$2').trim();

  if (JOSE_PKCS8_ERROR.test(text)) {
    problems.push({ mistake: 'jose-pkcs8', message: `This is jose's error for a key that is not PKCS#8: ${JSON.stringify(text.slice(0, 120))}.`, fix: JOSE_PKCS8_FIX });
    const pem = /-----BEGIN[\s\S]*?-----END [A-Z ]+-----/.exec(text)?.[0];
    if (!pem) return { problems };
    text = pem;
  }
  if (ID_PATTERN.test(text)) {
    problems.push({
      mistake: 'object-id',
      message: `${JSON.stringify(text)} is a 13-character DataLens object id (an embeddingSecretId or embedId), not a key.`,
      fix: 'Use the privateKey that createEmbeddingSecret returned once (DataLens shows it once when the key is created), or a key file; the id only names the key.',
    });
    return { problems };
  }
  if (text.includes('-----BEGIN') && /(?:\\r)?\\n/.test(text)) {
    problems.push({
      mistake: 'escaped-newlines',
      message: 'The key holds a literal backslash-n ("\\n") instead of line breaks: an env value that was pasted on one line.',
      fix: "Turn them back into line breaks where the key is read: process.env.KEY.replace(/\\\\n/g, '\\n') in Node, os.environ['KEY'].replace('\\\\n', '\\n') in Python; or keep the key in a file and read the file.",
    });
    text = text.replace(/(?:\\r)?\\n/g, '\n');
  }
  if (!text.includes('-----BEGIN')) {
    const compact = text.replace(/\s+/g, '');
    if (compact.length >= 64 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
      const bytes = Buffer.from(compact, 'base64');
      const decoded = bytes.toString('utf8');
      if (decoded.includes('-----BEGIN')) {
        problems.push({
          mistake: 'no-armour',
          message: 'The key is base64 of a whole PEM file: it must be decoded before use.',
          fix: "Decode it where it is read: Buffer.from(process.env.KEY, 'base64').toString('utf8') in Node, base64.b64decode(os.environ['KEY']).decode() in Python.",
        });
        return { ...readPem(decoded, problems), problems };
      }
      const der = readDer(bytes);
      if (der) {
        problems.push({
          mistake: 'no-armour',
          message: `The key is base64 without its PEM armour: a ${FORMAT_LABEL[der.format]} body with no -----BEGIN/-----END lines.`,
          fix: `Wrap it in its armour, 64 characters a line: "-----BEGIN ${PEM_LABEL[der.format]}-----", the base64, "-----END ${PEM_LABEL[der.format]}-----"; or read it as DER: crypto.createPrivateKey({key: Buffer.from(b64, 'base64'), format: 'der', type: '${der.format === 'pkcs1-public' ? 'pkcs1' : der.format}'}).`,
        });
        return { key: der.key, kind: der.key.type === 'private' ? 'private' : 'public', format: der.format, problems };
      }
    }
    problems.push({
      mistake: 'unreadable',
      message: `The text is not a key: it has no -----BEGIN line and is not a base64 key body (it starts with ${JSON.stringify(text.slice(0, 16))}).`,
      fix: 'Give the key as PEM text or a PEM file: the private key from createEmbeddingSecret (-----BEGIN RSA PRIVATE KEY-----) or its public key (-----BEGIN PUBLIC KEY-----).',
    });
    return { problems };
  }
  return readPem(text, problems);
}

/** The mistake of a public key given where the private one belongs (it signs nothing). */
export function publicForPrivate(where: string): KeyProblem {
  return {
    mistake: 'public-for-private',
    message: `${where} is a PUBLIC key; signing needs the private key.`,
    fix: "Use the private key (-----BEGIN RSA PRIVATE KEY----- as createEmbeddingSecret returns it, or -----BEGIN PRIVATE KEY-----); the public key is what DataLens keeps, and it only verifies.",
  };
}

/** Thrown by the key inputs that need a private key: every mistake, with its fix. */
export class KeyInputError extends Error {
  constructor(
    readonly where: string,
    readonly problems: KeyProblem[],
  ) {
    super(`${where}: ${problems.map((p) => `${p.message} ${p.fix}`).join(' ')}`);
    this.name = 'KeyInputError';
  }
}

/**
 * A private key for signing (PKCS#1 or PKCS#8 PEM). Refuses, with the fix, everything else: a
 * public key, an id, a key that needed repair (literal `\n`, no armour), since the same text would
 * fail in the user's own code.
 */
export function readPrivateKey(text: string, where = 'the key'): KeyObject {
  const r = readKeyText(text);
  if (r.problems.length) throw new KeyInputError(where, r.problems);
  if (r.kind !== 'private' || !r.key) throw new KeyInputError(where, [publicForPrivate(where)]);
  return r.key;
}

/** The SPKI PEM of a key's public half (of a private key, or of a public key itself): what is stored and shown. */
export const publicSpkiPem = (key: KeyObject): string => (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'pem' }).toString();
