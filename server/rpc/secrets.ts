import { MockError } from '../errors/catalogue.js';
import { publicSpkiPem } from '../tokens/key-text.js';
import { generateRsaKeyPair, parseRsaPublicKey } from '../tokens/keys.js';
import { KEY_FROM_RPC, KEY_FROM_RPC_PUBLIC } from '../tokens/key-origin.js';
import type { EmbeddingSecret } from '../core/types.js';
import { ACTOR, nowIso, pickId, requireWorkbook, type RpcMethod, type RpcState } from './common.js';
import * as s from './schemas.js';
import { parseBody } from './validate.js';

function requireSecret(ctx: RpcState, id: string): EmbeddingSecret {
  const secret = ctx.store.secrets.get(id);
  if (!secret) throw new MockError('SECRET_NOT_FOUND', { field: 'embeddingSecretId', message: `No key for embedding has embeddingSecretId ${id}.` });
  return secret;
}

/** The public view of a secret: never a private key. */
const view = (x: EmbeddingSecret) => ({ ...x });

export const secretMethods: Record<string, RpcMethod> = {
  createWorkbook(ctx, body) {
    const b = parseBody(s.createWorkbook, body, 'createWorkbook');
    const workbookId = pickId(b.workbookId, (i) => !!ctx.store.workbooks.get(i), 'workbookId');
    return ctx.store.workbooks.create({ workbookId, title: b.title, createdAt: nowIso(ctx) });
  },

  /**
   * DataLens generates the pair and returns the private key exactly once; only the public
   * key is stored. With `publicKey`, the caller keeps its own private key.
   */
  async createEmbeddingSecret(ctx, body) {
    const b = parseBody(s.createEmbeddingSecret, body, 'createEmbeddingSecret');
    requireWorkbook(ctx, b.workbookId);
    let publicKey: string;
    let privateKey: string | undefined;
    if (b.publicKey !== undefined) {
      publicKey = publicSpkiPem(parseRsaPublicKey(b.publicKey));
    } else {
      ({ publicKey, privateKey } = await generateRsaKeyPair());
    }
    const embeddingSecretId = pickId(b.embeddingSecretId, (i) => !!ctx.store.secrets.get(i), 'embeddingSecretId');
    const secret = ctx.store.secrets.create({
      embeddingSecretId,
      workbookId: b.workbookId,
      title: b.title,
      publicKey,
      createdBy: ACTOR,
      createdAt: nowIso(ctx),
    });
    ctx.keys.origins.set(embeddingSecretId, privateKey ? KEY_FROM_RPC : KEY_FROM_RPC_PUBLIC);
    return privateKey ? { ...view(secret), privateKey } : view(secret);
  },

  getEmbeddingSecret(ctx, body) {
    const b = parseBody(s.embeddingSecretRef, body, 'getEmbeddingSecret');
    return view(requireSecret(ctx, b.embeddingSecretId));
  },

  listEmbeddingSecrets(ctx, body) {
    const b = parseBody(s.workbookRef, body, 'listEmbeddingSecrets');
    requireWorkbook(ctx, b.workbookId);
    return { embeddingSecrets: ctx.store.secrets.listByWorkbook(b.workbookId).map(view) };
  },

  /** Deleting a key deletes every embed that uses it, as in DataLens. */
  deleteEmbeddingSecret(ctx, body) {
    const b = parseBody(s.embeddingSecretRef, body, 'deleteEmbeddingSecret');
    requireSecret(ctx, b.embeddingSecretId);
    ctx.store.secrets.delete(b.embeddingSecretId);
    return { embeddingSecretId: b.embeddingSecretId };
  },
};

export { requireSecret };
