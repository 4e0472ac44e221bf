// A tiny element builder: the page has no framework.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

function apply(node: Element, attrs: Attrs): void {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(node: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'object' ? c : String(c));
  }
}

/** An HTML element: `h('div', {class: 'x', onclick: fn}, 'text', child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, attrs);
  append(node, children);
  return node;
}

/** Replaces all children of `node`. */
export function mount(node: Element, ...children: Child[]): void {
  node.replaceChildren();
  append(node, children);
}

/** A small inline icon from a path (24×24 viewBox). */
export function icon(path: string, size = 16): SVGSVGElement {
  return s('svg', { width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true', class: 'dl-icon' }, s('path', { d: path, fill: 'currentColor' }));
}
