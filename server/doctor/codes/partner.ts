import type { CodeDef } from './types.js';

/**
 * DLM-6xx: partner access tokens `<datalens_key_version>:<partner_key_version>:<base64
 * ciphertext>:<base64 signature>` (docs/fidelity.md, "Partner connector flow"). DLM-9xx: the doctor itself.
 */
export const partnerCodes = {
  'DLM-601': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_TOKEN_MALFORMED',
    message: "The access token is not four parts joined by ':'.",
    hint: "Build it as ':'.join((datalens_key_version, partner_key_version, b64encode(ciphertext).decode(), b64encode(signature).decode())), as in the partner-connector guide's sample.",
  },
  'DLM-602': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_TOKEN_MALFORMED',
    message: 'A key version (part 1 or 2) is not a whole number.',
    hint: "Key versions are integers written as decimal text, e.g. '1'.",
  },
  'DLM-603': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_TOKEN_MALFORMED',
    message: 'encrypted_data (part 3) is not standard padded base64.',
    hint: "Use b64encode(ciphertext).decode() (standard alphabet, '=' padding), not urlsafe_b64encode, and keep it on one line.",
  },
  'DLM-604': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_TOKEN_MALFORMED',
    message: 'signature (part 4) is not standard padded base64.',
    hint: "Use b64encode(signature).decode() (standard alphabet, '=' padding), not urlsafe_b64encode, and keep it on one line.",
  },
  'DLM-605': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_DECRYPT_FAILED',
    message: 'encrypted_data is not one RSA-2048 ciphertext (256 bytes).',
    hint: 'Encrypt the JSON once with the DataLens public key (RSA-2048, padding.PKCS1v15()); do not concatenate, compress or re-encode the ciphertext.',
  },
  'DLM-606': {
    group: 'partner',
    severity: 'warning',
    message: 'The signature is not made with a 2048-bit key.',
    hint: 'Generate the partner key pair with rsa.generate_private_key(public_exponent=65537, key_size=2048), as in the partner-connector guide.',
  },
  'DLM-610': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_UNKNOWN_DATALENS_KEY_VERSION',
    message: 'The token names a DataLens key version that does not exist.',
    hint: 'GET /_mock/partner/datalens-keys lists the versions; encrypt with that public key and put its version first.',
  },
  'DLM-611': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_UNKNOWN_PARTNER_KEY_VERSION',
    message: 'No partner connector has a key of the version the token names.',
    hint: 'Register the public key of that version (POST /_mock/partner/connectors/<connectorId>/keys {version, publicKey}), or put the version you registered second.',
  },
  'DLM-612': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_KEY_VERSION_MISMATCH',
    message: 'The signature verifies with another partner key version than the one the token names.',
    hint: 'Put the version of the key you signed with second in the token; the two versions may be swapped.',
  },
  'DLM-613': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_SIGNATURE_INVALID',
    message: "The signature does not verify with the connector's partner key of that version.",
    hint: 'Sign the ciphertext bytes (not the JSON, not the base64) with your private key: padding.PKCS1v15(), hashes.SHA1(), as in the partner-connector guide.',
  },
  'DLM-614': {
    group: 'partner',
    severity: 'error',
    reason: 'PARTNER_DECRYPT_FAILED',
    message: 'The ciphertext does not decrypt, with the DataLens key of that version, to a JSON object with a valid db_name.',
    hint: 'Encrypt json.dumps({"db_name": "<client database>"}).encode() with the DataLens public key of the version named first (GET /_mock/partner/datalens-keys), padding.PKCS1v15(), not OAEP. Which of these is wrong is not said (no padding oracle); partner-decrypt --datalens-private-key says it locally.',
  },
  'DLM-616': {
    group: 'partner',
    severity: 'warning',
    message: 'No partner connector is registered, so the signature cannot be checked (and nothing is decrypted before it is).',
    hint: 'Register your connector and its public key: POST /_mock/partner/connectors {title, partnerKeys: [{version, publicKey}]}.',
  },
  'DLM-901': {
    group: 'doctor',
    severity: 'error',
    message: 'The server given with --server could not be reached; only the offline checks ran.',
    hint: 'The message says why, and the fix follows it: start the emulator (datalens-mock serve), fix the URL (e.g. --server http://127.0.0.1:8080), or for serve --tls trust its local CA with --ca FILE.',
  },
  'DLM-902': {
    group: 'doctor',
    severity: 'error',
    message: 'The server given with --server did not answer POST /_mock/validate as datalens-mock does; only the offline checks ran.',
    hint: 'Point --server at a datalens-mock emulator (the base URL, without a path).',
  },
} as const satisfies Record<string, CodeDef>;
