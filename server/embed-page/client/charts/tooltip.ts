import { h } from '../dom.js';

/** One floating tooltip per chart area: shows the `data-tip` of the mark under the pointer. */
export function attachTooltip(area: HTMLElement): void {
  const tip = h('div', { class: 'dl-tooltip', role: 'tooltip' });
  area.append(tip);
  let active: Element | null = null;
  area.addEventListener('pointermove', (e) => {
    const target = (e.target as Element).closest?.('[data-tip]');
    if (!target || !area.contains(target)) return hide();
    if (active !== target) {
      active?.classList.remove('dl-active');
      active = target;
      target.classList.add('dl-active');
      tip.replaceChildren(...(target.getAttribute('data-tip') ?? '').split('\n').map((line, i) => h('div', { class: i === 0 ? 'dl-tooltip__title' : null }, line)));
    }
    const box = area.getBoundingClientRect();
    const x = e.clientX - box.left + 14;
    const y = e.clientY - box.top + 14;
    tip.style.transform = `translate(${Math.min(x, box.width - tip.offsetWidth - 4)}px, ${Math.min(y, box.height - tip.offsetHeight - 4)}px)`;
    tip.classList.add('dl-tooltip--on');
  });
  const hide = () => {
    active?.classList.remove('dl-active');
    active = null;
    tip.classList.remove('dl-tooltip--on');
  };
  area.addEventListener('pointerleave', hide);
}
