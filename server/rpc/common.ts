import type { AppContext } from '../core/context.js';
import { MockError } from '../errors/catalogue.js';
import { newId } from '../core/ids.js';
import type { Entry, Workbook } from '../core/types.js';

export const ACTOR = 'datalens-mock';

export function nowIso(ctx: AppContext): string {
  return new Date(ctx.clock.now() * 1000).toISOString();
}

export function requireWorkbook(ctx: AppContext, workbookId: string): Workbook {
  const wb = ctx.store.workbooks.get(workbookId);
  if (!wb) throw new MockError('WORKBOOK_NOT_FOUND', { field: 'workbookId', message: `No workbook has workbookId ${workbookId}.` });
  return wb;
}

export function requireEntry(ctx: AppContext, entryId: string, field = 'entryId'): Entry {
  const e = ctx.store.entries.get(entryId);
  if (!e) throw new MockError('ENTRY_NOT_FOUND', { field, message: `No chart or dashboard has entryId ${entryId} (${field}).` });
  return e;
}

/** A fixed ID from a seed, or a new one; a fixed ID already in use is refused. */
export function pickId(fixed: string | undefined, exists: (id: string) => boolean, field: string): string {
  if (fixed === undefined) return newId();
  if (exists(fixed)) throw new MockError('INVALID_BODY', { field, message: `${field} ${fixed} is already in use.` });
  return fixed;
}

export type RpcMethod = (ctx: AppContext, body: unknown) => unknown | Promise<unknown>;
