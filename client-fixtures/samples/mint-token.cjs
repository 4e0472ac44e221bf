// The official DataLens Node.js sample (DataLens docs, "Create a token"), unchanged except that the key, the embed ID and
// the params come from the environment: DL_PRIVATE_KEY=... DL_EMBED_ID=... node mint-token.cjs
const privateKey = process.env.DL_PRIVATE_KEY;

const now = Math.floor(Date.now() / 1000);
const payload = {
  embedId: process.env.DL_EMBED_ID,
  dlEmbedService: 'YC_DATALENS_EMBEDDING_SERVICE_MARK',
  iat: now,
  exp: now + 360,
  params: JSON.parse(process.env.DL_PARAMS || '{}'),
};

const jwt = require('jsonwebtoken');

const encodedToken = jwt.sign(payload, privateKey, {
  algorithm: 'PS256',
});

console.log(encodedToken);
