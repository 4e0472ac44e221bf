// The repro file read by `datalens-mock explain` (see docs/params.md): embed list settings,
// token params, the link (or its query), optionally a dashboard, and optional expectations.
import { parseYaml } from '../core/yaml.js';
import * as z from 'zod';
import { dashTab, params as paramsSchema, paramValue } from '../rpc/schemas.js';

const names = z.array(z.string().min(1, 'a param name must not be empty'));

const expectation = z.strictObject({
  /** The effective params, exactly: these names with these values, and no other param. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Some effective params: these names with these values; other params may be there too. */
  paramsInclude: z.record(z.string(), z.unknown()).optional(),
  /** The forbidden set (null = none), order ignored. */
  forbidden: z.array(z.string()).nullable().optional(),
  /** Ids of the selectors that must be disabled; every other selector must be enabled. */
  disabledSelectors: z.array(z.string()).optional(),
});

export const reproSchema = z
  .strictObject({
    title: z.string().min(1, 'give the repro a title'),
    /** What it demonstrates, in a sentence or two (JSON files have no comments). */
    about: z.string().optional(),
    embed: z.strictObject({
      publicParamsMode: z.boolean({
        error: 'required: true = "Disable all" + the unsignedParams enabled list, false = "Enable all" + the privateParams disabled list',
      }),
      unsignedParams: names.default([]),
      privateParams: names.default([]),
    }),
    token: z.strictObject({ params: z.record(z.string(), z.unknown()).default({}) }).default({ params: {} }),
    /** The embed link (`…/embeds/chart?from=…#dl_embed_token=…`), or just its query. */
    link: z.string().optional(),
    /** The link query as a string (`from=a&to=b`) or an object (`{from: a}`); instead of `link`. */
    query: z.union([z.string(), z.record(z.string(), paramValue)]).optional(),
    /** The chart's own default params (merged by the runner under the request params). */
    chartDefaults: paramsSchema.optional(),
    /** Present for a dashboard embed: its settings and tabs, as in createDashboard. */
    dash: z
      .strictObject({
        title: z.string().optional(),
        settings: z.strictObject({ globalParams: paramsSchema.optional() }).default({}),
        tabs: z.array(dashTab).min(1, 'a dashboard needs at least one tab'),
      })
      .optional(),
    /** Dashboard only: values the viewer picked in selectors, by param name. */
    selectors: paramsSchema.optional(),
    expect: z.strictObject({ 'signed-wins': expectation.optional(), 'unsigned-wins': expectation.optional() }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.link !== undefined && r.query !== undefined) ctx.addIssue({ code: 'custom', path: ['query'], message: 'give either `link` or `query`, not both' });
    if (r.selectors && !r.dash) ctx.addIssue({ code: 'custom', path: ['selectors'], message: 'selectors need a `dash`' });
  });

export type Repro = z.output<typeof reproSchema>;
export type ReproExpectation = z.output<typeof expectation>;

export class ReproError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file}: invalid repro file\n${problems.map((p) => `  ${p.path || '(top level)'}: ${p.message}`).join('\n')}`);
    this.name = 'ReproError';
  }
}

/** Parses YAML or JSON text (JSON is YAML) and validates it; errors name the path and the problem. */
export function parseRepro(text: string, file: string): Repro {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ReproError(file, [{ path: '', message: `not valid YAML/JSON: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const r = reproSchema.safeParse(raw);
  if (!r.success) {
    throw new ReproError(
      file,
      r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return r.data;
}

/** The link's query as URLSearchParams-ready text, from `link` or `query`. */
export function reproQuery(r: Repro): string {
  if (r.link !== undefined) return r.link;
  if (typeof r.query === 'string') return r.query;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query ?? {})) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
  return search.toString();
}
