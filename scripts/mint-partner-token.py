#!/usr/bin/env python3
"""The partner side of DataLens's partner-connector guide, with the guide's own Python code (package `cryptography`).

  mint-partner-token.py keygen
      prints {"private_pem": ..., "public_pem": ...}: the guide's key-pair code
      (TraditionalOpenSSL private key, SubjectPublicKeyInfo public key).
  mint-partner-token.py token DATALENS_PUBLIC_PEM PARTNER_PRIVATE_PEM DB_NAME [DL_VERSION [PARTNER_VERSION]]
      prints the access token: the guide's token code, unchanged but for its inputs
      (the PEM arguments are file paths).

The emulator's tests run it to prove that tokens minted exactly as DataLens documents are accepted.
"""
import json
import sys


def keygen():
    # The guide's "Python code to generate a key pair".
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives import serialization

    private_key = rsa.generate_private_key(
        public_exponent=65537,
        key_size=2048,
    )
    private_pem = private_key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.TraditionalOpenSSL,
        encryption_algorithm=serialization.NoEncryption()
    ).decode()
    public_key = private_key.public_key()
    public_pem = public_key.public_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    print(json.dumps({'private_pem': private_pem, 'public_pem': public_pem}))


def token(public_key_datalens_pem, private_key_partner_pem, db_name, datalens_key_version='1', partner_key_version='1'):
    # The guide's "Python code to generate the access token".
    from base64 import b64encode
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    data = json.dumps({'db_name': db_name})  # JSON file with the user database.
    public_key_datalens = serialization.load_pem_public_key(public_key_datalens_pem.encode())
    private_key_partner = serialization.load_pem_private_key(
        private_key_partner_pem.encode(),
        password=None,
    )
    ciphertext = public_key_datalens.encrypt(data.encode(), padding.PKCS1v15())  # Encrypted JSON message with the user database.
    signature = private_key_partner.sign(ciphertext, padding.PKCS1v15(), hashes.SHA1())  # Encrypted message signature.
    access_token = ':'.join((
        datalens_key_version,
        partner_key_version,
        b64encode(ciphertext).decode(encoding='utf-8'),
        b64encode(signature).decode(encoding='utf-8'),
    ))
    print(access_token)


def read(path):
    with open(path) as f:
        return f.read()


if __name__ == '__main__':
    if len(sys.argv) == 2 and sys.argv[1] == 'keygen':
        keygen()
    elif 5 <= len(sys.argv) <= 7 and sys.argv[1] == 'token':
        token(read(sys.argv[2]), read(sys.argv[3]), sys.argv[4], *sys.argv[5:])
    else:
        sys.exit(__doc__)
