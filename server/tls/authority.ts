// The local certificate authority of `serve --tls`: created once with node-forge, kept in the data
// dir, and never replaced behind the user's back (they may have trusted it in a browser or an OS
// store). A CA that cannot be read or has expired is reported; `renew` replaces it.
import { createPublicKey, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** The CA's files inside the TLS folder of the data dir. */
export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';

const CA_YEARS = 10;
const CA_NAME = 'datalens-mock local CA';

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

/** The TLS folder holds a CA that cannot be used: says which file, why, and how to replace it. */
export class TlsAuthorityError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${problem} (${file}). Start once with --tls-renew (library: tlsRenew: true) to replace the CA, then trust the new ${CA_CERT_FILE} again.`);
    this.name = 'TlsAuthorityError';
  }
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

function createAuthority(dir: string, now: Date): Authority {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + CA_YEARS * 365 * 24 * 3600_000);
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
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, CA_KEY_FILE);
  writeFileSync(keyPath, forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  const certPath = join(dir, CA_CERT_FILE);
  writeFileSync(certPath, certPem);
  return { certPem, certPath, cert, key: keys.privateKey, spkiSha256: spkiSha256(certPem) };
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
 * whatever its state. Throws {@link TlsAuthorityError} for a CA that is there but unusable.
 */
export function loadAuthority(dir: string, o: { renew?: boolean; now?: Date } = {}): Authority {
  const now = o.now ?? new Date();
  const present = existsSync(join(dir, CA_CERT_FILE)) || existsSync(join(dir, CA_KEY_FILE));
  return present && !o.renew ? readAuthority(dir, now) : createAuthority(dir, now);
}
