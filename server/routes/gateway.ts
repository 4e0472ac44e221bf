import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ReadOnlyRunner, ConnectionRunner } from '../datasources/runner.js';
import { distinctValues, runChartData, type ChartDataSources } from '../chart-data/chart-data.js';
import { MockError } from '../errors/catalogue.js';
import { currentRule, resolveEntry, type GatewayState } from '../gateway/pipeline.js';
import { meterEmbedQuery, type MeterState } from '../meter/gateway.js';
import { controlVerdict } from '../params/dash.js';
import { resolveParams, type ResolveParamsResult } from '../params/engine.js';
import { asController, authenticateRequest } from './controller.js';
import { jsonBody } from './json-body.js';
import { sendJson } from './send-json.js';
import { RUN_BODY_LIMIT, checkUnsignedParams, readRunBody, type RunBody } from './run-body.js';
import type { ChartEntry, DashControlItem, DashEntry } from '../core/types.js';

const EXPLAIN_HEADER = 'x-dl-mock-explain';

function explainFields(req: Request, resolved: ResolveParamsResult & { trace?: unknown }) {
  return req.headers[EXPLAIN_HEADER] === '1' ? { trace: resolved.trace ?? [], forbidden: resolved.forbidden } : {};
}

/** A selector of the embedded dash, looked up in the stored dash, never from the client. */
function findControl(dash: DashEntry, controlData: NonNullable<RunBody['controlData']>) {
  const tab = dash.data.tabs.find((t) => t.id === controlData.tabId);
  const controlId = controlData.widgetId || controlData.groupId || controlData.id;
  const item = tab?.items.find((i) => i.id === controlId && i.type === 'control') as DashControlItem | undefined;
  if (!tab || !item) {
    throw new MockError('CONTROL_NOT_FOUND', {
      message: `No selector ${JSON.stringify(controlId)} on tab ${JSON.stringify(controlData.tabId)} of dashboard ${dash.entryId}.`,
    });
  }
  return { tab, control: item };
}

/** What the gateway routes read: the token pipeline's state, the meter, and the data sources of charts. */
export type GatewayRouteState = GatewayState &
  MeterState & {
    datasource: ReadOnlyRunner;
    /** Partner connections, when the emulator has them. */
    partner?: { runner(connectionId: string): ConnectionRunner };
  };

/**
 * `POST …/run`, the hot path: marks the controller, reads the JSON body and answers, as one handler
 * (one layer of the route: Express pays a dispatch for each). app.ts mounts it on each gateway
 * prefix's full path, ahead of the prefix routers.
 */
export function runRoute(ctx: GatewayRouteState): RequestHandler {
  const json = jsonBody(RUN_BODY_LIMIT, express.json({ limit: RUN_BODY_LIMIT }));
  const sources = () => ({ datasource: ctx.datasource, connection: ctx.partner?.runner.bind(ctx.partner) });
  const answer = runAnswer(ctx, sources);
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.controller = 'run';
    json(req, res, (err?: unknown) => {
      if (err !== undefined) return next(err);
      // As Express does with a handler's promise: a rejection goes to the error middleware.
      answer(req, res).then(undefined, (e: unknown) => next(e || new Error('Rejected promise')));
    });
  };
}

/** The answer of a run whose body has been read. */
function runAnswer(ctx: GatewayRouteState, sources: () => ChartDataSources) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = readRunBody(req.body);
    const auth = await authenticateRequest(ctx, req, res);
    meterEmbedQuery(ctx, true);
    if (ctx.settings.strict) checkUnsignedParams(body.params);
    const entry = resolveEntry(ctx, auth, body.id);
    const rule = currentRule(ctx);
    const chartDefaults = entry.scope === 'widget' ? entry.data.params : undefined;
    const resolved = resolveParams({
      embed: auth.embed,
      signedParams: auth.signedParams,
      unsignedParams: body.params ?? undefined,
      rule,
      chartDefaults,
      sources: body.paramSources,
      shadowed: body.paramShadowed,
    });
    res.locals.trace = resolved; // the request journal's param trace (server/journal)
    const widgetConfig = { enableExport: auth.embed.settings.enableExport === true };

    if (body.controlData && entry.scope === 'dash') {
      const { tab, control } = findControl(entry, body.controlData);
      const verdict = controlVerdict(resolved.forbidden, control, tab, auth.embed, auth.signedParams, rule);
      if (verdict.throws) {
        throw new MockError('CONTROL_NAMESPACE_WITHOUT_ALIASES', {
          field: `tabs[${tab.id}].aliases`,
          message: `Selector ${control.id} has namespace "${control.namespace}", but tab ${tab.id} has no aliases object; DataLens throws a TypeError reading tab.aliases["${control.namespace}"] and answers 500.`,
        });
      }
      let options = control.options;
      if ((control.sourceType === 'dataset' || control.sourceType === 'connection') && control.chartId) {
        const chart = ctx.store.entries.get(control.chartId);
        // Checked when the dash is saved; checked again here for dashes stored before that check.
        if (chart && chart.workbookId !== entry.workbookId) {
          throw new MockError('WRONG_WORKBOOK', { field: `${control.id}.chartId`, message: `Selector ${control.id} reads chart ${chart.entryId}, which is in another workbook than the dashboard.` });
        }
        if (chart?.scope === 'widget') {
          const { [control.param]: _own, ...others } = resolved.params;
          options = distinctValues(await runChartData(chart, others, sources()), control.column ?? control.param);
        }
      }
      const value = verdict.disabled ? '' : (resolved.params[control.param] ?? control.defaultValue ?? '');
      res.json({
        entryId: entry.entryId,
        params: resolved.params,
        uiScheme: {
          controls: [
            {
              id: control.id,
              param: control.param,
              label: control.label ?? control.param,
              type: control.sourceType === 'external' ? 'input' : 'select',
              sourceType: control.sourceType,
              multiselectable: control.multiselectable === true,
              options: options ?? [],
              value,
              disabled: verdict.disabled,
              because: verdict.because,
            },
          ],
        },
        widgetConfig,
        precedence: rule,
        ...explainFields(req, resolved),
      });
      return;
    }
    if (entry.scope !== 'widget') {
      throw new MockError('TOKEN_WRONG_ENTRY_TYPE', {
        message: body.controlData
          ? 'controlData was sent, but the token is for a chart, not a dashboard.'
          : 'The token is for a dashboard: open it with /embeds/dash, or run one of its charts with {id}.',
      });
    }
    const chart = entry as ChartEntry;
    const data = await runChartData(chart, resolved.params, sources());
    const answer: Record<string, unknown> = {
      entryId: chart.entryId,
      type: 'chart',
      params: resolved.params,
      data,
      config: { title: chart.title, visualization: chart.data.visualization },
      widgetConfig,
      precedence: rule,
    };
    // Added after the literal, not spread into it: a spread sends every answer down V8's slow path.
    if (req.headers[EXPLAIN_HEADER] === '1') Object.assign(answer, explainFields(req, resolved));
    sendJson(res, answer);
  };
}

export function gatewayRouter(ctx: GatewayRouteState): Router {
  // `POST …/run` is not here: app.ts mounts runRoute on the full paths, ahead of this router.
  const router = Router();

  router.get('/embedded-entry', asController('embeddedEntry'), async (req, res) => {
    const auth = await authenticateRequest(ctx, req, res);
    meterEmbedQuery(ctx, false);
    if (auth.entry.scope !== 'dash') {
      throw new MockError('TOKEN_WRONG_ENTRY_TYPE', {
        message: 'The token is for a chart: open it with /embeds/chart, not /embeds/dash.',
      });
    }
    // Stripped on purpose, as DataLens does: no createdBy or other personal fields.
    res.json({ entryId: auth.entry.entryId, scope: 'dash', data: auth.entry.data });
  });

  // Editor activities run code of Editor charts, which the emulator does not have: say so, never a bare 404.
  router.post('/run-activity', asController('run'), () => {
    throw new MockError('EDITOR_ACTIVITY_NOT_EMULATED');
  });

  return router;
}

/** Any other path below a gateway prefix (`/api/private/run`, `/embeds/api/runn`): names the embed API's real paths. */
export function gatewayNotFound(req: Request, res: Response): never {
  res.locals.controller = 'run';
  throw new MockError('GATEWAY_ROUTE_NOT_FOUND', { message: `No embed API route ${req.method} ${req.baseUrl}${req.path}.` });
}
