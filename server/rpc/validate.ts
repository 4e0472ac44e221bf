import type * as z from 'zod';
import { MockError } from '../errors/catalogue.js';

/** Formats a zod issue path like `tabs[0].items[2].chartId`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(body)';
}

/** Parses a body; the first problem becomes INVALID_BODY naming the field and the problem. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, method: string): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const field = formatPath(i.path);
    const msg = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return { field, text: `${field}: ${msg}` };
  });
  throw new MockError('INVALID_BODY', {
    field: problems[0].field,
    message: `${method}: ${problems.map((p) => p.text).join('; ')}.`,
  });
}
