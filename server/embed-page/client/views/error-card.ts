import { h, icon } from '../dom.js';
import type { WidgetError } from '../errors.js';
import { ICONS } from './icons.js';

/**
 * The error card: the DataLens text for the code, the code itself (`dl-error-code`), then the
 * emulator's plain-words reason and hint. Like DataLens in an embedded entry, no Retry button.
 */
export function renderErrorCard(error: WidgetError, compact = false): HTMLElement {
  const access = error.status === 403 || error.code === 'ERR.US.ENTRY_FORBIDDEN';
  const mock = error.mock;
  return h(
    'div',
    { class: `dl-error${compact ? ' dl-error--compact' : ''}`, role: 'alert' },
    h('div', { class: 'dl-error__icon' }, icon(access ? ICONS.lock : ICONS.error, compact ? 22 : 28)),
    h('div', { class: 'dl-error__title' }, error.title),
    h('code', { class: 'dl-error__code', 'data-testid': 'dl-error-code' }, error.code),
    mock && (mock.message || mock.hint)
      ? h(
          'div',
          { class: 'dl-error__mock' },
          h('div', { class: 'dl-error__mock-head' }, h('span', { class: 'dl-badge' }, 'datalens-mock'), mock.reason ? h('span', { class: 'dl-error__reason' }, mock.reason) : null),
          mock.message ? h('p', { class: 'dl-error__message' }, mock.message) : null,
          mock.hint ? h('p', { class: 'dl-error__hint' }, h('strong', {}, 'How to fix: '), mock.hint) : null,
        )
      : null,
    error.status ? h('div', { class: 'dl-error__status' }, `HTTP ${error.status}`) : null,
  );
}
