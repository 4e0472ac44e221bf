# The official DataLens Python sample (DataLens docs, "Create a token"), unchanged except that the key,
# the embed ID and the params come from the environment:
#   DL_PRIVATE_KEY=... DL_EMBED_ID=... [DL_PARAMS='{"region": "North"}'] python3 mint_token.py
import time
import jwt
import json
import os

private_key = os.environ["DL_PRIVATE_KEY"].encode()

now = int(time.time())
payload = {
   'embedId': os.environ["DL_EMBED_ID"],
   'dlEmbedService': "YC_DATALENS_EMBEDDING_SERVICE_MARK",
   'iat': now,
   'exp': now + 360,
   "params": json.loads(os.environ.get("DL_PARAMS", "{}"))}

# JWT generation.
encoded_token = jwt.encode(
   payload,
   private_key,
   algorithm='PS256',
   )

print(encoded_token)
