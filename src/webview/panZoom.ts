// Pan and zoom: a CSS transform on the canvas, kept across live updates. Wheel, drag, arrow keys,
// + and - zoom, 0 fits; until the user moves the view, the graph stays fitted as the panel resizes.
import type { RenderMessage } from './protocol';

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** Below this scale labels are unreadable: fitting stops here and centres on the focus instead. */
const LEGIBLE_SCALE = 0.55;

export interface View { scale: number; x: number; y: number }

export class PanZoom {
  view: View = { scale: 1, x: 0, y: 0 };
  /** The user panned or zoomed: resizes and live updates then leave the view alone. */
  userMoved = false;
  private drag: { x: number; y: number; vx: number; vy: number; moved: boolean } | undefined;

  /**
   * `current`: the render on screen; `changed`: the view moved for good (persist it).
   * Starts from `saved` when the panel kept a valid view.
   */
  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly current: () => RenderMessage | undefined,
    private readonly changed: () => void,
    saved?: View,
  ) {
    if (saved && [saved.scale, saved.x, saved.y].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      this.view = { ...saved };
      this.userMoved = true;
    }
    this.listen();
  }

  /** The drawn SVG's size at scale 1. */
  svgSize(): { w: number; h: number } | undefined {
    const svg = this.canvas.querySelector('svg');
    if (!svg) return undefined;
    const vb = svg.viewBox?.baseVal;
    if (vb && vb.width > 0 && vb.height > 0) return { w: vb.width, h: vb.height };
    const r = svg.getBoundingClientRect();
    return { w: r.width / this.view.scale, h: r.height / this.view.scale };
  }

  /** Fits the graph to the panel. `whole` (the Fit button, the 0 key): all of it, at any scale.
   *  Otherwise (opening, resizing) a graph too big to read fitted keeps a legible scale instead. */
  fit(msg: RenderMessage, whole = false): void {
    const size = this.svgSize();
    if (!size) return;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    const pad = 16;
    const scale = Math.max(MIN_SCALE, Math.min(1.25, (vw - 2 * pad) / size.w, (vh - 2 * pad) / size.h));
    if (whole || scale >= LEGIBLE_SCALE) {
      this.view = { scale, x: (vw - size.w * scale) / 2, y: (vh - size.h * scale) / 2 };
      return;
    }
    // Too big to read when fitted: keep a legible scale and centre on the focused spec.
    const view = this.view;
    view.scale = LEGIBLE_SCALE;
    view.x = (vw - size.w * LEGIBLE_SCALE) / 2;
    view.y = (vh - size.h * LEGIBLE_SCALE) / 2;
    const focus = msg.nodes.find((n) => n.focus);
    const el = focus ? this.canvas.querySelector(`g.node[data-chant-node="${focus.nodeId}"]`) : undefined;
    this.apply();
    if (el) {
      const r = el.getBoundingClientRect();
      const v = this.viewport.getBoundingClientRect();
      view.x += v.left + vw / 2 - (r.left + r.width / 2);
      view.y += v.top + vh / 2 - (r.top + r.height / 2);
    } else {
      // No focus to centre on: start at the top left, where the layout begins.
      view.x = pad;
      view.y = pad;
    }
  }

  /** The Fit button: the whole graph, and the view follows resizes again. */
  fitWhole(): void {
    this.userMoved = false;
    const msg = this.current();
    if (msg) this.fit(msg, true);
    this.apply();
    this.changed();
  }

  apply(): void {
    this.canvas.style.transform = `translate(${this.view.x}px, ${this.view.y}px) scale(${this.view.scale})`;
  }

  zoomAt(factor: number, cx = this.viewport.clientWidth / 2, cy = this.viewport.clientHeight / 2): void {
    this.userMoved = true;
    const view = this.view;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
    const k = scale / view.scale;
    this.view = { scale, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k };
    this.apply();
    this.changed();
  }

  private listen(): void {
    const viewport = this.viewport;
    viewport.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = viewport.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) {
        this.zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - r.left, e.clientY - r.top);
      } else {
        this.userMoved = true;
        this.view.x -= e.deltaX;
        this.view.y -= e.deltaY;
        this.apply();
        this.changed();
      }
    }, { passive: false });

    viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || (e.target as Element).closest('g.node')) return;
      this.drag = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y, moved: false };
      viewport.setPointerCapture(e.pointerId);
    });
    viewport.addEventListener('pointermove', (e) => {
      const drag = this.drag;
      if (!drag) return;
      this.view.x = drag.vx + e.clientX - drag.x;
      this.view.y = drag.vy + e.clientY - drag.y;
      drag.moved = true;
      this.userMoved = true;
      this.apply();
    });
    viewport.addEventListener('pointerup', (e) => {
      if (this.drag?.moved) this.changed();
      this.drag = undefined;
      viewport.releasePointerCapture(e.pointerId);
    });
    viewport.addEventListener('keydown', (e) => {
      if ((e.target as Element).closest('g.node') && (e.key === 'Enter' || e.key === ' ')) return;
      const step = 60;
      const view = this.view;
      const moves: Record<string, () => void> = {
        ArrowLeft: () => { view.x += step; }, ArrowRight: () => { view.x -= step; },
        ArrowUp: () => { view.y += step; }, ArrowDown: () => { view.y -= step; },
        '+': () => this.zoomAt(1.25), '=': () => this.zoomAt(1.25), '-': () => this.zoomAt(0.8),
        '0': () => { const msg = this.current(); if (msg) this.fit(msg, true); },
      };
      const move = moves[e.key];
      if (!move || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      this.userMoved = e.key !== '0';
      move();
      this.apply();
      this.changed();
    });

    // Until the user moves the view, keep the graph fitted to the panel as it is resized.
    new ResizeObserver(() => {
      const msg = this.current();
      if (this.userMoved || !msg || !this.canvas.querySelector('svg')) return;
      this.fit(msg);
      this.apply();
    }).observe(viewport);
  }
}
