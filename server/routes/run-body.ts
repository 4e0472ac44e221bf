import * as z from 'zod';
import { MockError } from '../errors/catalogue.js';
import { PARAM_SOURCES } from '../params/trace.js';
import { paramValue } from '../rpc/schemas.js';
import { parseBody } from '../rpc/validate.js';
import { isParamValue } from '../tokens/claims.js';

const text = z.string({ message: 'must be a string' });
const source = z.enum(PARAM_SOURCES);

/**
 * The body of `POST {apiPrefix}/run`, as the embed page sends it (docs/fidelity.md, "Request flow"). Unknown fields are
 * ignored, as DataLens ignores the many fields its page adds (`responseOptions`, `config`, …).
 * `params` are the unsigned values: DataLens passes any JSON value on; their type is checked
 * separately ({@link checkUnsignedParams}) because only strict mode refuses them.
 */
export const runBody = z.object({
  params: z.union([z.record(z.string(), z.unknown()), z.null()], { message: 'must be an object of name -> string | string[]' }).optional(),
  id: z.union([text, z.null()], { message: 'must be a chart entryId (a string)' }).optional(),
  controlData: z
    .object({ id: text.optional(), tabId: text.optional(), widgetId: text.optional(), groupId: text.optional() }, { message: 'must be an object {id, tabId, widgetId?}' })
    .optional(),
  /** Where each unsigned value came from (emulator extension, for the trace). */
  paramSources: z.record(z.string(), source).optional(),
  /** Values the page replaced before sending (emulator extension, for the trace). */
  paramShadowed: z.record(z.string(), z.array(z.object({ source, value: paramValue, by: source }).strict())).optional(),
});

export type RunBody = z.infer<typeof runBody>;

/**
 * The largest run body the gateway reads. The embed page sends a few kilobytes (`{params}` and a
 * selector's ids); 2 MB leaves room for thousands of multi-select values. Larger bodies get
 * 413 PAYLOAD_TOO_LARGE naming this limit before they are parsed (docs/fidelity.md, "Request flow").
 */
export const RUN_BODY_LIMIT = 2 * 1024 * 1024;

/** How deep a run body may nest (a param value is a string or a list of strings: depth 3 with the body). */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses a value nested deeper than `max` levels with 400 INVALID_BODY naming where, so that no
 * recursive walk further on (validation, JSON.stringify, the trace) can overflow the stack. Iterative.
 */
export function checkDepth(value: unknown, field: string, max = MAX_BODY_DEPTH): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: { v: object; depth: number; path: string }[] = [{ v: value, depth: 1, path: field }];
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (depth > max) {
      throw new MockError('INVALID_BODY', {
        field: path,
        message: `${path} is nested more than ${max} levels deep; the embed page sends params as strings or lists of strings.`,
      });
    }
    for (const key in v) {
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1, path: depth >= 3 ? path : path === '(body)' ? key : `${path}.${key}` });
    }
  }
}

/** Reads the run body; a wrong field is 400 INVALID_BODY naming it (never a 5xx). */
export function readRunBody(body: unknown): RunBody {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw new MockError('INVALID_BODY', { field: '(body)', message: 'The run body must be a JSON object {params?, id?, controlData?}.' });
  }
  checkDepth(body, '(body)');
  return plainRunBody(body) ?? parseBody(runBody, body, 'The run body');
}

/**
 * The body the embed page sends on every run, `{}` or `{params: {...}}`, read without the schema:
 * the same value the schema gives for it (a copy of `params`). Anything else goes through the schema.
 */
function plainRunBody(body: unknown): RunBody | undefined {
  if (body === undefined || body === null) return {};
  const b = body as Record<string, unknown>;
  let keys = 0;
  for (const _ in b) keys++;
  if (keys === 0 && Object.getPrototypeOf(b) === Object.prototype) return {};
  if (keys !== 1 || !Object.hasOwn(b, 'params')) return undefined;
  const params = b.params;
  if (typeof params !== 'object' || params === null || Array.isArray(params) || Object.getPrototypeOf(params) !== Object.prototype || Object.hasOwn(params, '__proto__')) return undefined;
  return { params: { ...(params as Record<string, unknown>) } };
}

const describe = (v: unknown): string => (Array.isArray(v) ? 'an array with a non-string' : v === null ? 'null' : typeof v);

/**
 * Unsigned values that are not a string or an array of strings. DataLens passes them on to the chart
 * unchanged (its own page never sends them); strict mode refuses them so that a client bug shows.
 */
export function checkUnsignedParams(params: Record<string, unknown> | null | undefined): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!isParamValue(value)) {
      throw new MockError('UNSIGNED_PARAMS_TYPE', {
        field: `params.${name}`,
        message: `Unsigned param "${name}" is ${describe(value)} ${JSON.stringify(value)?.slice(0, 100)}; the embed page sends only strings or arrays of strings.`,
      });
    }
  }
}
