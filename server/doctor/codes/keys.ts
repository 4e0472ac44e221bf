import { JOSE_PKCS8_FIX } from '../../tokens/key-text.js';
import type { CodeDef } from './types.js';

/**
 * DLM-31x: the key mistakes users make (server/tokens/key-text.ts), wherever the doctor takes a
 * key: pasted as the input (the key a backend signs with), `doctor --key`, the `key` of
 * `POST /_mock/validate` and the doctor page's key field.
 */
export const keyCodes = {
  'DLM-310': {
    group: 'signature',
    severity: 'warning',
    message: "The key is PKCS#1 (-----BEGIN RSA PRIVATE KEY-----), as DataLens hands it out: jose's importPKCS8 refuses it (\"must be PKCS#8 formatted string\").",
    hint: JOSE_PKCS8_FIX,
  },
  'DLM-311': {
    group: 'signature',
    severity: 'error',
    message: 'The key holds a literal backslash-n ("\\n") instead of line breaks.',
    hint: "An env value pasted on one line: turn \\n back into line breaks where the key is read (process.env.KEY.replace(/\\\\n/g, '\\n'); os.environ['KEY'].replace('\\\\n', '\\n')), or keep the key in a file.",
  },
  'DLM-312': {
    group: 'signature',
    severity: 'error',
    message: 'The key is base64 without its PEM armour (no -----BEGIN/-----END lines), or base64 of a whole PEM file.',
    hint: 'Wrap the base64 body in its armour (-----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----, 64 characters a line), or decode the base64 of a PEM file before use.',
  },
  'DLM-313': {
    group: 'signature',
    severity: 'error',
    message: 'A public key was given where the private key belongs: it cannot sign.',
    hint: 'Sign with the private key (-----BEGIN RSA PRIVATE KEY----- as createEmbeddingSecret returns it, or -----BEGIN PRIVATE KEY-----). The public key is what DataLens keeps; it only verifies.',
  },
  'DLM-314': {
    group: 'signature',
    severity: 'error',
    message: 'A 13-character DataLens object id was given as the key.',
    hint: 'The id (embeddingSecretId, embedId) only names the key. Use the privateKey that createEmbeddingSecret returned once, or your key file.',
  },
  'DLM-315': {
    group: 'signature',
    severity: 'error',
    message: "jose's importPKCS8 refused a key: \"must be PKCS#8 formatted string\".",
    hint: JOSE_PKCS8_FIX,
  },
} as const satisfies Record<string, CodeDef>;
