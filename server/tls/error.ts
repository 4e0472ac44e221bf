// The error of an unusable local CA, without node-forge: `serve` names it at start, and a plain
// start (no --tls) must not load the certificate code to know the class.

/** The CA's certificate file in the TLS folder. */
export const CA_CERT_FILE = 'ca.pem';
/** The CA's private key file in the TLS folder. */
export const CA_KEY_FILE = 'ca-key.pem';

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
