import type { Embed, EmbeddingSecret, Entry } from '../core/types.js';
import type { Db } from './db.js';
import { deepFreeze, ReadCache } from './writes.js';

interface Row {
  embed_id: string;
  title: string;
  embedding_secret_id: string;
  entry_id: string;
  deps_ids: string;
  unsigned_params: string;
  private_params: string;
  public_params_mode: number;
  settings: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

const toEmbed = (r: Row): Embed => ({
  embedId: r.embed_id,
  title: r.title,
  embeddingSecretId: r.embedding_secret_id,
  entryId: r.entry_id,
  depsIds: JSON.parse(r.deps_ids),
  unsignedParams: JSON.parse(r.unsigned_params),
  privateParams: JSON.parse(r.private_params),
  publicParamsMode: r.public_params_mode === 1,
  settings: JSON.parse(r.settings),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

const toParams = (e: Embed) => [
  e.title,
  e.embeddingSecretId,
  e.entryId,
  JSON.stringify(e.depsIds),
  JSON.stringify(e.unsignedParams),
  JSON.stringify(e.privateParams),
  e.publicParamsMode ? 1 : 0,
  JSON.stringify(e.settings),
];

/** What US's joined embed/secret lookup returns for verification, plus the entry. */
export interface EmbeddingInfo {
  embed: Embed;
  publicKey: string;
  secret: Pick<EmbeddingSecret, 'embeddingSecretId' | 'workbookId'>;
}


/** `version` is the store's write counter (server/store/writes.ts): the joined lookup is cached while it stays. */
export function embedsRepo(db: Db, version: () => number) {
  const insert = db.prepare(
    `INSERT INTO embeds (title, embedding_secret_id, entry_id, deps_ids, unsigned_params, private_params,
       public_params_mode, settings, embed_id, created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE embeds SET title = ?, embedding_secret_id = ?, entry_id = ?, deps_ids = ?, unsigned_params = ?,
       private_params = ?, public_params_mode = ?, settings = ?, updated_by = ?, updated_at = ? WHERE embed_id = ?`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM embeds WHERE embed_id = ?');
  const byEntry = db.prepare<[string], Row>('SELECT * FROM embeds WHERE entry_id = ? ORDER BY created_at, embed_id');
  const all = db.prepare<[], Row>('SELECT * FROM embeds ORDER BY created_at, embed_id');
  const del = db.prepare('DELETE FROM embeds WHERE embed_id = ?');
  const joined = db.prepare<[string], Row & { public_key: string; workbook_id: string }>(
    `SELECT e.*, s.public_key, s.workbook_id FROM embeds e
       JOIN embedding_secrets s ON s.embedding_secret_id = e.embedding_secret_id WHERE e.embed_id = ?`,
  );
  // The gateway's one lookup per request, by embedId: the join and its JSON columns are read again
  // after any write to the store (an embed or a key changed, a reset, a restore). Frozen: shared.
  const infos = new ReadCache<EmbeddingInfo | undefined>(version);
  const readInfo = (embedId: string): EmbeddingInfo | undefined => {
    const r = joined.get(embedId);
    if (!r) return undefined;
    return deepFreeze({
      embed: toEmbed(r),
      publicKey: r.public_key,
      secret: { embeddingSecretId: r.embedding_secret_id, workbookId: r.workbook_id },
    });
  };
  return {
    create(e: Embed): Embed {
      insert.run(...toParams(e), e.embedId, e.createdBy, e.createdAt, e.updatedBy, e.updatedAt);
      return e;
    },
    update(e: Embed): Embed {
      update.run(...toParams(e), e.updatedBy, e.updatedAt, e.embedId);
      return e;
    },
    get(id: string): Embed | undefined {
      const r = get.get(id);
      return r && toEmbed(r);
    },
    listByEntry(entryId: string): Embed[] {
      return byEntry.all(entryId).map(toEmbed);
    },
    list(): Embed[] {
      return all.all().map(toEmbed);
    },
    delete(id: string): boolean {
      return del.run(id).changes > 0;
    },
    /** One row: the embed with its key's public key, as US's JoinedEmbedEmbeddingSecret. */
    getEmbeddingInfo(embedId: string): EmbeddingInfo | undefined {
      return infos.get(embedId, readInfo);
    },
  };
}

export type { Entry };
