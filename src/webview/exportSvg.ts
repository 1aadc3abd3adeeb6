// SVG export: a standalone copy of the drawn graph with the theme's colours written in (CSS
// variables and the panel's stylesheet do not travel with the file).
import { cssColor } from './theme';

export function exportSvg(canvas: HTMLElement, size: { w: number; h: number } | undefined): string {
  const svg = canvas.querySelector('svg');
  if (!svg) return '';
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const shapes = 'g.node > *, g.node > g.label-container > path, path.flowchart-link';
  const originals = svg.querySelectorAll<SVGElement>(shapes);
  const copies = copy.querySelectorAll<SVGElement>(shapes);
  originals.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const target = copies[i];
    if (!target) return;
    for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'color']) {
      const value = cs.getPropertyValue(prop);
      if (value) target.style.setProperty(prop, value);
    }
  });
  copy.removeAttribute('style');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (size) {
    copy.setAttribute('width', String(Math.ceil(size.w)));
    copy.setAttribute('height', String(Math.ceil(size.h)));
  }
  const bg = cssColor('--vscode-editor-background');
  if (bg) copy.style.backgroundColor = bg;
  for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  return new XMLSerializer().serializeToString(copy);
}
