// The server certificate of `serve --tls`: issued by the local CA at every start, for every name a
// browser or a client may use to reach the emulator (loopback, the production hosts, extra hosts).
import { isIP } from 'node:net';
import forge from 'node-forge';
import { newKeyPair, serialNumber, type Authority } from './authority.js';

/** Days a server certificate is valid (it is issued again at every start). */
const LEAF_DAYS = 365;

export interface ServerCertificate {
  /** PEM of the private key. */
  key: string;
  /** PEM chain: the server certificate, then the CA (so an SPKI pin of the CA matches the chain). */
  cert: string;
  names: string[];
}

/** The subjectAltName entries: DNS names (type 2) and IP addresses (type 7). */
function altNames(names: string[]) {
  return names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
}

/** Issues a server certificate for `names` (host names and IP addresses), signed by `ca`. */
export function issueServerCertificate(ca: Authority, names: string[], now = new Date()): ServerCertificate {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + LEAF_DAYS * 24 * 3600_000);
  cert.validity.notAfter = notAfter < ca.cert.validity.notAfter ? notAfter : ca.cert.validity.notAfter;
  cert.setSubject([{ name: 'commonName', value: names.find((n) => !isIP(n)) ?? names[0] ?? 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: altNames(names) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: `${forge.pki.certificateToPem(cert)}${ca.certPem}`, names };
}
