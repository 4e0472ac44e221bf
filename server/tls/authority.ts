// The local certificate authority of `serve --tls`: created with node-forge, kept in the data dir.
// It can only vouch for the emulator's own names: its name constraints permit the loopback names
// and addresses, the production DataLens hosts and the allowed hosts, and it is valid for a year.
// A CA that cannot be read or has expired is reported; `renew` replaces it. A CA that permits more
// than it should (made by an older version: no constraints, ten years) or does not cover a name the
// emulator now needs is replaced at start, with a line in the log (docs/security.md, "The local CA").
import { createPublicKey, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { privateDir, privateFile, stderrLog } from '../store/private-files.js';
import { CA_CERT_FILE, CA_KEY_FILE, TlsAuthorityError } from './error.js';

/** The CA's files inside the TLS folder of the data dir. */

/** About a year: a CA trusted by mistake stops being trusted on its own. */
export const CA_DAYS = 365;
const CA_NAME = 'datalens-mock local CA';
const DAY_MS = 24 * 3600_000;
/** The object identifier of the name constraints extension (RFC 5280, 4.2.1.10). */
const NAME_CONSTRAINTS_OID = '2.5.29.30';

export interface Authority {
  /** PEM of the CA certificate (what a browser or `https.request({ca})` trusts). */
  certPem: string;
  /** Where that PEM is on disk. */
  certPath: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo: Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string;
}


/** A positive 128-bit serial, hex (forge reads a leading 1 bit as a negative number). */
export function serialNumber(): string {
  return `01${randomBytes(15).toString('hex')}`;
}

/** An RSA-2048 key pair from Node's own crypto (fast), as forge objects. */
export function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  };
}

/** base64 SHA-256 of the SubjectPublicKeyInfo of a certificate's key. */
export function spkiSha256(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** A permitted subtree: a DNS name (and its subdomains), or an address with its mask. */
type Permitted = { dns: string } | { ip: Buffer; mask: Buffer };

/** The IP bytes of an address (IPv4: 4, IPv6: 16). */
function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** A mask of `bits` leading ones over `length` bytes. */
function maskOf(bits: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < bits; i++) out[i >> 3] |= 0x80 >> (i & 7);
  return out;
}

/** What the CA permits for these certificate names: 127.0.0.0/8 for any IPv4 loopback, one address otherwise. */
export function permittedFor(names: readonly string[]): Permitted[] {
  const out: Permitted[] = [];
  for (const name of names) {
    const kind = isIP(name);
    if (kind === 4 && name.startsWith('127.')) out.push({ ip: Buffer.from([127, 0, 0, 0]), mask: maskOf(8, 4) });
    else if (kind) out.push({ ip: ipBytes(name), mask: maskOf(kind === 4 ? 32 : 128, kind === 4 ? 4 : 16) });
    else out.push({ dns: name.toLowerCase() });
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = 'dns' in p ? `d:${p.dns}` : `i:${p.ip.toString('hex')}/${p.mask.toString('hex')}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** The DER of NameConstraints with permitted subtrees only (RFC 5280): dNSName [2], iPAddress [7]. */
function nameConstraintsDer(permitted: Permitted[]): string {
  const { asn1 } = forge;
  const subtrees = permitted.map((p) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      'dns' in p
        ? asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, p.dns)
        : asn1.create(asn1.Class.CONTEXT_SPECIFIC, 7, false, Buffer.concat([p.ip, p.mask]).toString('binary')),
    ]),
  );
  const value = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, subtrees)]);
  return asn1.toDer(value).getBytes();
}

/** The permitted subtrees of a certificate's name constraints; undefined when it has none. */
export function readPermitted(cert: forge.pki.Certificate): Permitted[] | undefined {
  const ext = (cert as unknown as { getExtension(o: { id: string }): { value?: string } | null }).getExtension({ id: NAME_CONSTRAINTS_OID });
  if (!ext?.value) return undefined;
  const root = forge.asn1.fromDer(ext.value);
  const permitted = (root.value as forge.asn1.Asn1[]).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  if (!permitted) return [];
  const out: Permitted[] = [];
  for (const subtree of permitted.value as forge.asn1.Asn1[]) {
    const base = (subtree.value as forge.asn1.Asn1[])[0];
    const bytes = Buffer.from(base.value as string, 'binary');
    if (base.type === 2) out.push({ dns: bytes.toString('ascii').toLowerCase() });
    else if (base.type === 7) out.push({ ip: bytes.subarray(0, bytes.length / 2), mask: bytes.subarray(bytes.length / 2) });
  }
  return out;
}

/** Whether a name falls in one of the permitted subtrees (a DNS constraint permits its subdomains too). */
export function isPermitted(name: string, permitted: Permitted[]): boolean {
  const kind = isIP(name);
  if (!kind) {
    const n = name.toLowerCase();
    return permitted.some((p) => 'dns' in p && (n === p.dns || n.endsWith(`.${p.dns}`)));
  }
  const bytes = ipBytes(name);
  return permitted.some((p) => 'ip' in p && p.ip.length === bytes.length && bytes.every((b, i) => (b & p.mask[i]) === p.ip[i]));
}

function createAuthority(dir: string, now: Date, names: readonly string[]): Authority {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + CA_DAYS * DAY_MS);
  const subject = [
    { name: 'commonName', value: CA_NAME },
    { name: 'organizationName', value: 'datalens-mock' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { id: NAME_CONSTRAINTS_OID, critical: true, value: nameConstraintsDer(permittedFor(names)) },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  privateDir(dir, stderrLog);
  const keyPath = join(dir, CA_KEY_FILE);
  privateFile(keyPath, stderrLog);
  writeFileSync(keyPath, forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
  const certPath = join(dir, CA_CERT_FILE);
  writeFileSync(certPath, certPem);
  return { certPem, certPath, cert, key: keys.privateKey, spkiSha256: spkiSha256(certPem) };
}

/**
 * Why a readable CA must be replaced: it permits more than the emulator's names (no name
 * constraints, or a validity of years), or it does not cover a name the certificate needs now.
 */
export function replacementReason(cert: forge.pki.Certificate, names: readonly string[]): string | undefined {
  const permitted = readPermitted(cert);
  if (!permitted) return 'it has no name constraints, so a system that trusts it would accept it for any site';
  const days = (cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime()) / DAY_MS;
  if (days > CA_DAYS + 31) return `it is valid for ${Math.round(days / 365)} years`;
  const missing = names.filter((n) => !isPermitted(n, permitted));
  if (missing.length) return `it does not cover ${missing.join(', ')}`;
  return undefined;
}

function readAuthority(dir: string, now: Date): Authority {
  const certPath = join(dir, CA_CERT_FILE);
  const keyPath = join(dir, CA_KEY_FILE);
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new TlsAuthorityError(file, `The ${what} of the local CA cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const certPem = read(certPath, 'certificate');
  const keyPem = read(keyPath, 'private key');
  let cert: forge.pki.Certificate;
  let key: forge.pki.rsa.PrivateKey;
  try {
    cert = forge.pki.certificateFromPem(certPem);
  } catch (e) {
    throw new TlsAuthorityError(certPath, `The local CA certificate is not a PEM certificate forge can read: ${(e as Error).message}`);
  }
  try {
    key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  } catch (e) {
    throw new TlsAuthorityError(keyPath, `The local CA private key is not a PEM RSA key: ${(e as Error).message}`);
  }
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  if (!publicKey.n || publicKey.n.compareTo(key.n) !== 0 || publicKey.e.compareTo(key.e) !== 0) {
    throw new TlsAuthorityError(keyPath, `The private key does not belong to the CA certificate ${certPath}`);
  }
  if (cert.validity.notAfter.getTime() <= now.getTime()) {
    throw new TlsAuthorityError(certPath, `The local CA expired on ${cert.validity.notAfter.toISOString()}`);
  }
  return { certPem, certPath, cert, key, spkiSha256: spkiSha256(certPem) };
}

/**
 * The CA kept in `dir`: read when it is there, created when it is not. `renew` replaces it
 * whatever its state. Throws {@link TlsAuthorityError} for a CA that is there but unusable. A CA
 * that permits too much, or does not cover `names`, is replaced, and `log` says so.
 */
export function loadAuthority(
  dir: string,
  o: { renew?: boolean; now?: Date; names?: readonly string[]; log?: (msg: string) => void } = {},
): Authority {
  const now = o.now ?? new Date();
  const names = o.names ?? [];
  const present = existsSync(join(dir, CA_CERT_FILE)) || existsSync(join(dir, CA_KEY_FILE));
  if (!present || o.renew) return createAuthority(dir, now, names);
  const ca = readAuthority(dir, now);
  const why = replacementReason(ca.cert, names);
  if (!why) return ca;
  const fresh = createAuthority(dir, now, names);
  (o.log ?? stderrLog)(
    `datalens-mock: replaced the local CA ${ca.certPath} because ${why}. The new CA is limited to ${names.join(', ')} and valid until ${fresh.cert.validity.notAfter.toISOString().slice(0, 10)}; its key replaced the old one. Remove the old "${CA_NAME}" from the browsers and stores that trusted it, and trust the new ${CA_CERT_FILE} instead.`,
  );
  return fresh;
}
