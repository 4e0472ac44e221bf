# A token as DataLens's own example app mints it (datalens-tech/datalens-examples, secure embedding
# with FastAPI + PyJWT): the signed param is a NUMBER (a user id), and the token lives 60 seconds.
#   DL_PRIVATE_KEY=... DL_EMBED_ID=... DL_UID=123 python3 example_app_token.py
import os
import time

import jwt

private_key = os.environ["DL_PRIVATE_KEY"]
uid = int(os.environ.get("DL_UID", "123"))

now = int(time.time())
payload = {
    "embedId": os.environ["DL_EMBED_ID"],
    "dlEmbedService": "YC_DATALENS_EMBEDDING_SERVICE_MARK",
    "iat": now,
    "exp": now + 60,
    "params": {"uid": uid},
}

print(jwt.encode(payload, private_key, algorithm="PS256"))
