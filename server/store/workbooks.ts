import type { Workbook } from '../core/types.js';
import type { Db } from './db.js';

interface Row {
  workbook_id: string;
  title: string;
  created_at: string;
}

const toWorkbook = (r: Row): Workbook => ({ workbookId: r.workbook_id, title: r.title, createdAt: r.created_at });

export function workbooksRepo(db: Db) {
  const insert = db.prepare('INSERT INTO workbooks (workbook_id, title, created_at) VALUES (?, ?, ?)');
  const get = db.prepare<[string], Row>('SELECT * FROM workbooks WHERE workbook_id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM workbooks ORDER BY created_at, workbook_id');
  const del = db.prepare('DELETE FROM workbooks WHERE workbook_id = ?');
  return {
    create(w: Workbook): Workbook {
      insert.run(w.workbookId, w.title, w.createdAt);
      return w;
    },
    get(id: string): Workbook | undefined {
      const r = get.get(id);
      return r && toWorkbook(r);
    },
    list(): Workbook[] {
      return all.all().map(toWorkbook);
    },
    delete(id: string): boolean {
      return del.run(id).changes > 0;
    },
  };
}
