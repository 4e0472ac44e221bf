import type { EmbeddingSecret } from '../core/types.js';
import type { Db } from './db.js';

interface Row {
  embedding_secret_id: string;
  workbook_id: string;
  title: string;
  public_key: string;
  created_by: string;
  created_at: string;
}

const toSecret = (r: Row): EmbeddingSecret => ({
  embeddingSecretId: r.embedding_secret_id,
  workbookId: r.workbook_id,
  title: r.title,
  publicKey: r.public_key,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Embedding secrets ("keys for embedding"): public keys only, never a private key. */
export function secretsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO embedding_secrets (embedding_secret_id, workbook_id, title, public_key, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM embedding_secrets WHERE embedding_secret_id = ?');
  const byWorkbook = db.prepare<[string], Row>(
    'SELECT * FROM embedding_secrets WHERE workbook_id = ? ORDER BY created_at, embedding_secret_id',
  );
  const all = db.prepare<[], Row>('SELECT * FROM embedding_secrets ORDER BY created_at, embedding_secret_id');
  const del = db.prepare('DELETE FROM embedding_secrets WHERE embedding_secret_id = ?');
  const setKey = db.prepare('UPDATE embedding_secrets SET public_key = ? WHERE embedding_secret_id = ?');
  return {
    /** Replaces a key's public half (a namespace re-keys what the seed generated). */
    setPublicKey(id: string, publicKey: string): boolean {
      return setKey.run(publicKey, id).changes > 0;
    },
    create(s: EmbeddingSecret): EmbeddingSecret {
      insert.run(s.embeddingSecretId, s.workbookId, s.title, s.publicKey, s.createdBy, s.createdAt);
      return s;
    },
    get(id: string): EmbeddingSecret | undefined {
      const r = get.get(id);
      return r && toSecret(r);
    },
    listByWorkbook(workbookId: string): EmbeddingSecret[] {
      return byWorkbook.all(workbookId).map(toSecret);
    },
    list(): EmbeddingSecret[] {
      return all.all().map(toSecret);
    },
    /** Deletes the secret; its embeds go with it (ON DELETE CASCADE, as in US). */
    delete(id: string): boolean {
      return del.run(id).changes > 0;
    },
  };
}
