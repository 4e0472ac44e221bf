import type { Db } from './db.js';

export type DataRow = Record<string, string | number | null>;

/**
 * Tables of the embedded SQLite data source, kept as JSON in the store so they persist; the chart
 * query engine loads them into its own read-only database.
 */
export function datasourceRepo(db: Db) {
  const upsert = db.prepare(
    'INSERT INTO datasource_tables (name, rows) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET rows = excluded.rows',
  );
  const all = db.prepare<[], { name: string; rows: string }>('SELECT name, rows FROM datasource_tables ORDER BY name');
  return {
    put(name: string, rows: DataRow[]): void {
      upsert.run(name, JSON.stringify(rows));
    },
    list(): { name: string; rows: DataRow[] }[] {
      return all.all().map((r) => ({ name: r.name, rows: JSON.parse(r.rows) }));
    },
  };
}
