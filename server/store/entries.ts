import type { Entry } from '../core/types.js';
import type { Db } from './db.js';
import { deepFreeze, ReadCache } from './writes.js';

interface Row {
  entry_id: string;
  workbook_id: string;
  scope: 'widget' | 'dash';
  title: string;
  data: string;
  created_at: string;
  updated_at: string;
}


/**
 * Parsed `data` by entry, reused while the stored JSON text is the same. Parsing a chart's rows
 * on every run was the largest cost of POST /api/run; the row is still read on every request, so
 * an update or a delete shows at once. The parsed value is frozen: nobody may change it in place.
 */
class ParsedData {
  private readonly byEntry = new Map<string, { text: string; data: unknown }>();
  get(entryId: string, text: string): unknown {
    const hit = this.byEntry.get(entryId);
    if (hit && hit.text === text) return hit.data;
    const data = deepFreeze(JSON.parse(text));
    if (this.byEntry.size >= 1000) this.byEntry.delete(this.byEntry.keys().next().value as string);
    this.byEntry.set(entryId, { text, data });
    return data;
  }
}

/** Charts (scope `widget`) and dashboards (scope `dash`). */
export function entriesRepo(db: Db, version: () => number) {
  const parsed = new ParsedData();
  const toEntry = (r: Row): Entry =>
    ({
      entryId: r.entry_id,
      workbookId: r.workbook_id,
      scope: r.scope,
      title: r.title,
      data: parsed.get(r.entry_id, r.data),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }) as Entry;
  const insert = db.prepare(
    'INSERT INTO entries (entry_id, workbook_id, scope, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM entries WHERE entry_id = ?');
  const rows = new ReadCache<Entry | undefined>(version);
  const readEntry = (id: string): Entry | undefined => {
    const r = get.get(id);
    return r && toEntry(r);
  };
  const byWorkbook = db.prepare<[string], Row>('SELECT * FROM entries WHERE workbook_id = ? ORDER BY created_at, entry_id');
  const all = db.prepare<[], Row>('SELECT * FROM entries ORDER BY created_at, entry_id');
  const update = db.prepare('UPDATE entries SET title = ?, data = ?, updated_at = ? WHERE entry_id = ?');
  const del = db.prepare('DELETE FROM entries WHERE entry_id = ?');
  return {
    create(e: Entry): Entry {
      insert.run(e.entryId, e.workbookId, e.scope, e.title, JSON.stringify(e.data), e.createdAt, e.updatedAt);
      return e;
    },
    get(id: string): Entry | undefined {
      // The row is read again after any write to the store (server/store/writes.ts); a copy each
      // time, so that a caller may change its own (the parsed `data` is frozen and shared).
      const e = rows.get(id, readEntry);
      return e && { ...e };
    },
    listByWorkbook(workbookId: string): Entry[] {
      return byWorkbook.all(workbookId).map(toEntry);
    },
    list(): Entry[] {
      return all.all().map(toEntry);
    },
    update(e: Entry): Entry {
      update.run(e.title, JSON.stringify(e.data), e.updatedAt, e.entryId);
      return e;
    },
    /** Deletes the entry; embeds of it go with it (ON DELETE CASCADE, as in US). */
    delete(id: string): boolean {
      return del.run(id).changes > 0;
    },
  };
}
