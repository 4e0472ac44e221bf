import { MockError } from '../errors/catalogue.js';

// The one rule for the names of tables the emulator creates (embedded data source and client
// databases) and for the columns it creates from the keys of uploaded rows.

/** Letters, digits and _, at most 64, starting with a letter or _; not SQLite's own `sqlite_…`. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Any text but an empty one or a NUL, at most 128 characters (it is always quoted). */
const COLUMN_NAME = /^[^\u0000]{1,128}$/;

export function isTableName(name: string): boolean {
  return TABLE_NAME.test(name) && !name.toLowerCase().startsWith('sqlite_');
}

export function checkTableName(name: string, field = 'table'): void {
  if (!isTableName(name)) {
    throw new MockError('INVALID_BODY', {
      field,
      message: `${JSON.stringify(name)} is not valid as a table name: letters, digits and _ (at most 64), starting with a letter or _, not sqlite_….`,
    });
  }
}

export function checkColumnNames(columns: string[], field = 'rows', requireOne = true): void {
  if (requireOne && columns.length === 0) {
    throw new MockError('INVALID_BODY', { field, message: 'rows must have at least one row with a column: the columns come from the keys of the rows.' });
  }
  for (const c of columns) {
    if (!COLUMN_NAME.test(c)) throw new MockError('INVALID_BODY', { field, message: `Column name ${JSON.stringify(c)} is not valid: 1 to 128 characters, no NUL.` });
  }
}
