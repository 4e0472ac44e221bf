import { h, icon } from '../dom.js';
import { EMBED_USAGE_LIMIT_CODE, type WidgetError } from '../errors.js';
import { t } from '../i18n.js';
import { ICONS } from './icons.js';

/** `Request-id: …` (test hook `dl-request-id`), as production's error views show it since 2025-12. */
function requestIdLine(error: WidgetError): HTMLElement | null {
  if (!error.requestId) return null;
  return h('div', { class: 'dl-error__request' }, `${t('requestId')}: `, h('code', { 'data-testid': 'dl-request-id' }, error.requestId));
}

/** The emulator's own explanation (`mock` of the body), marked as the emulator's. */
function mockBlock({ mock }: WidgetError): HTMLElement | null {
  if (!mock || !(mock.message || mock.hint)) return null;
  return h(
    'div',
    { class: 'dl-error__mock' },
    h('div', { class: 'dl-error__mock-head' }, h('span', { class: 'dl-badge' }, 'datalens-mock'), mock.reason ? h('span', { class: 'dl-error__reason' }, mock.reason) : null),
    mock.message ? h('p', { class: 'dl-error__message' }, mock.message) : null,
    mock.hint ? h('p', { class: 'dl-error__hint' }, h('strong', {}, t('howToFix')), mock.hint) : null,
  );
}

/**
 * The error card: the DataLens text for the code, the code itself (`dl-error-code`), the request id,
 * then the emulator's plain-words reason and hint. Like DataLens in an embedded entry, no Retry button.
 */
export function renderErrorCard(error: WidgetError, compact = false): HTMLElement {
  if (error.code === EMBED_USAGE_LIMIT_CODE) return renderLimitView(error, compact);
  const access = error.status === 403 || error.code === 'ERR.US.ENTRY_FORBIDDEN';
  return h(
    'div',
    { class: `dl-error${compact ? ' dl-error--compact' : ''}`, role: 'alert' },
    h('div', { class: 'dl-error__icon' }, icon(access ? ICONS.lock : ICONS.error, compact ? 22 : 28)),
    h('div', { class: 'dl-error__title' }, error.title),
    h('code', { class: 'dl-error__code', 'data-testid': 'dl-error-code' }, error.code),
    requestIdLine(error),
    mockBlock(error),
    error.status ? h('div', { class: 'dl-error__status' }, `HTTP ${error.status}`) : null,
  );
}

/**
 * DataLens's "Embedded dashboard limit exceeded" view (`dl-limit-view`): title, the note that the
 * organization's administrator must add seats, the code and the request id. No Retry: waiting does not help.
 */
export function renderLimitView(error: WidgetError, compact = false): HTMLElement {
  return h(
    'div',
    { class: `dl-error dl-error--limit${compact ? ' dl-error--compact' : ''}`, role: 'alert', 'data-testid': 'dl-limit-view' },
    h('div', { class: 'dl-error__icon' }, icon(ICONS.lock, compact ? 22 : 28)),
    h('div', { class: 'dl-error__title' }, t('limitTitle')),
    h('p', { class: 'dl-error__note' }, t('limitNote')),
    h('code', { class: 'dl-error__code', 'data-testid': 'dl-error-code' }, error.code),
    requestIdLine(error),
    mockBlock(error),
  );
}
