import { h, icon } from '../dom.js';
import type { WidgetError } from '../errors.js';
import { t } from '../i18n.js';
import { paramText } from '../link.js';
import type { DashControlItem, UiControl } from '../types.js';
import { ICONS } from './icons.js';

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/**
 * One dashboard selector: a `<select>` (manual and dataset) or an `<input>` (external), with
 * `[data-testid="dl-selector"][data-param]`. A disabled selector is greyed out and empty, as in DataLens.
 */
export class SelectorView {
  readonly el: HTMLElement;
  private readonly label: HTMLElement;
  private readonly lock: HTMLElement;
  private readonly note: HTMLElement;
  private field: HTMLSelectElement | HTMLInputElement;
  private options: string[] = [];

  constructor(
    readonly item: DashControlItem,
    private readonly onChange: (param: string, value: string) => void,
  ) {
    this.label = h('span', { class: 'dl-control__label' }, item.label ?? item.param);
    this.lock = h('span', { class: 'dl-control__lock', hidden: true }, icon(ICONS.lock, 12));
    this.note = h('span', { class: 'dl-control__note' });
    this.field = this.createField(item.sourceType === 'external' ? 'input' : 'select');
    this.el = h('label', { class: 'dl-control dl-control--loading' }, h('span', { class: 'dl-control__head' }, this.label, this.lock), this.field, this.note);
  }

  private createField(type: 'select' | 'input'): HTMLSelectElement | HTMLInputElement {
    const attrs = { class: `dl-control__field dl-control__${type}`, 'data-testid': 'dl-selector', 'data-param': this.item.param };
    const field = type === 'input' ? h('input', { ...attrs, type: 'text', placeholder: t('any'), autocomplete: 'off' }) : h('select', attrs);
    field.addEventListener('change', () => this.onChange(this.item.param, field.value));
    return field;
  }

  /** Applies a selector run: label, options, disabled state and the value the page holds. */
  update(control: UiControl, value: string | string[] | undefined): void {
    const type = control.type ?? (this.item.sourceType === 'external' ? 'input' : 'select');
    if ((type === 'input') !== this.field instanceof HTMLInputElement) {
      const next = this.createField(type);
      this.field.replaceWith(next);
      this.field = next;
    }
    this.el.classList.remove('dl-control--loading', 'dl-control--error');
    this.label.textContent = control.label || this.item.label || this.item.param;
    const disabled = control.disabled === true;
    const shown = disabled ? '' : first(value);
    if (this.field instanceof HTMLSelectElement) this.fillOptions(this.field, control.options ?? this.item.options ?? [], shown, disabled);
    this.field.value = shown;
    this.field.disabled = disabled;
    this.el.classList.toggle('dl-control--disabled', disabled);
    this.lock.hidden = !disabled;
    this.el.title = disabled ? `Locked by the embed: ${control.because ?? 'bound to a forbidden or signed param'}` : '';
    this.note.textContent = '';
  }

  private fillOptions(select: HTMLSelectElement, options: string[], shown: string, disabled: boolean): void {
    const list = shown && !options.includes(shown) ? [shown, ...options] : options;
    if (paramText(list) === paramText(this.options) && select.options.length === list.length + 1) {
      select.options[0].text = disabled ? '—' : 'All';
      return;
    }
    this.options = list;
    select.replaceChildren(h('option', { value: '' }, disabled ? '—' : 'All'), ...list.map((o) => h('option', { value: o }, o)));
  }

  fail(error: WidgetError): void {
    this.el.classList.remove('dl-control--loading');
    this.el.classList.add('dl-control--error');
    this.field.disabled = true;
    this.note.replaceChildren(h('code', { 'data-testid': 'dl-error-code' }, error.code), ` ${error.title}`);
    this.el.title = error.mock?.message ?? error.title;
  }
}
