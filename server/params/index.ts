// The parameter engine's public surface. Everything here is pure and free of Node imports, so the
// browser page (esbuild) and the doctor can import it; the CLI lives in ./explain-cli.ts.
export { filterUnsigned, resolveParams, type ResolveParamsInput, type ResolveParamsResult } from './engine.js';
export { buildParamTrace, isParamSource, PARAM_SOURCES, type CandidateSource, type ParamCandidate, type ParamSource, type ParamTrace, type ShadowedCandidate } from './trace.js';
export { describeLists, listBranch, listVerdict, lockVerdict, LIST_VERDICT_SHORT, LIST_VERDICT_TEXT, type EmbedParamSettings, type ListBranch, type ListVerdict } from './lists.js';
export { aliasGroup, controlVerdict, DEFAULT_NAMESPACE, hasNamespaceWithoutAliases, isControlDisabled, isForbiddenBySecureConfig, type ControlVerdict } from './dash.js';
export { composeDashParams, pickTab, readChartLink, readDashLink, toSearchParams, URL_OPTIONS, type ComposeDashParamsInput, type ComposedParams, type DashLink, type IgnoredLinkParam } from './dash-link.js';
export { explainRule, PRECEDENCE_SETTINGS, resolveRule } from './rules.js';
