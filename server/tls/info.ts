// What a started HTTPS emulator publishes, as plain data (no imports: the library's types use it).

/** What a started HTTPS emulator tells its users: the CA to trust (or pin) and the names covered. */
export interface TlsInfo {
  /** Path of the CA certificate (PEM): trust it, or pass it as `ca` to an HTTPS client. */
  caPath: string;
  /** The CA certificate itself (PEM). */
  caCert: string;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo, for `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string;
  /** The names the server certificate covers. */
  names: string[];
}
