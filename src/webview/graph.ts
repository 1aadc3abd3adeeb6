// The graph webview: renders the mermaid text the host sends, binds clicks and keys to the
// rendered nodes, pans and zooms, follows the theme, and reports back what it drew.
// Runs in the browser under a strict CSP; all text from specs goes through textContent.
import * as l10n from '@vscode/l10n';
import mermaid from 'mermaid';
import {
  sanitizeOptions, type GraphNodeInfo, type GraphViewOptions, type HostMessage, type PersistedGraphState, type RenderMessage,
  type RenderedMessage, type ThemeKind, type WebviewMessage,
} from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedGraphState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// The host hands over its translation bundle (none in English) as data, never as script.
const bundle = document.body.dataset.l10n;
if (bundle) {
  try {
    l10n.config({ contents: bundle });
  } catch {
    // An unreadable bundle leaves the English text.
  }
}

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $<HTMLDivElement>('viewport');
const canvas = $<HTMLDivElement>('canvas');
const tooltip = $<HTMLDivElement>('tooltip');
const noticesEl = $<HTMLDivElement>('notices');
const errorEl = $<HTMLDivElement>('error');
const captionEl = $<HTMLDivElement>('caption');

// ---------------------------------------------------------------------------------------------
// State

let current: RenderMessage | undefined;
let nodesById = new Map<string, GraphNodeInfo>();
let view = { scale: 1, x: 0, y: 0 };
let renderCount = 0;
let rendering = false;
let queued: { msg: RenderMessage; reason: RenderedMessage['reason'] } | undefined;
const saved = (vscode.getState() ?? {}) as Partial<PersistedGraphState>;
if (saved.view && [saved.view.scale, saved.view.x, saved.view.y].every((n) => typeof n === 'number' && Number.isFinite(n))) {
  view = { ...saved.view };
}
let restoredView = !!saved.view;
/** The user panned or zoomed: resizes and live updates then leave the view alone. */
let userMoved = !!saved.view;

function persist(): void {
  if (!current) return;
  vscode.setState({ options: current.options, focusPath: current.focusPath, view, orientation });
}

// ---------------------------------------------------------------------------------------------
// Theme: mermaid's base theme with variables read from VS Code's CSS variables.

function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

/** A CSS colour mermaid's colour library can read: hex (alpha dropped) or rgb(a); else undefined. */
function cssColor(name: string): string | undefined {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(v);
  if (hex) return `#${hex[1]}`;
  if (/^rgba?\([\d\s.,%]+\)$/i.test(v)) return v;
  return undefined;
}

function initMermaid(): void {
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const bg = cssColor('--vscode-editor-background') ?? (dark ? '#1e1e1e' : '#ffffff');
  const fg = cssColor('--vscode-editor-foreground') ?? (dark ? '#d4d4d4' : '#1f1f1f');
  const widget = cssColor('--vscode-editorWidget-background') ?? bg;
  const border = cssColor('--vscode-contrastBorder') ?? cssColor('--vscode-editorWidget-border') ?? cssColor('--vscode-descriptionForeground') ?? fg;
  const line = cssColor('--vscode-descriptionForeground') ?? fg;
  const font = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  const limits = current?.limits ?? { maxTextSize: 50_000, maxEdges: 500 };
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    maxTextSize: limits.maxTextSize,
    maxEdges: limits.maxEdges,
    theme: 'base',
    darkMode: dark,
    fontFamily: font,
    themeVariables: {
      darkMode: dark,
      background: bg,
      primaryColor: widget,
      primaryTextColor: fg,
      primaryBorderColor: border,
      secondaryColor: widget,
      tertiaryColor: bg,
      lineColor: line,
      textColor: fg,
      mainBkg: widget,
      nodeBorder: border,
      edgeLabelBackground: bg,
      fontFamily: font,
      fontSize: '13px',
    },
    flowchart: { useMaxWidth: false, htmlLabels: true, nodeSpacing: 28, rankSpacing: 48, padding: 10 },
  });
}

let lastTheme = '';
function themeSignature(): string {
  return `${document.body.className}|${cssColor('--vscode-editor-background') ?? ''}|${cssColor('--vscode-editor-foreground') ?? ''}`;
}

// VS Code swaps the body classes and CSS variables on a theme switch: re-render with new variables.
new MutationObserver(() => {
  const sig = themeSignature();
  if (sig === lastTheme) return;
  lastTheme = sig;
  initMermaid();
  if (current) void schedule(current, 'theme');
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });

// ---------------------------------------------------------------------------------------------
// Rendering

function schedule(msg: RenderMessage, reason: RenderedMessage['reason']): Promise<void> {
  if (rendering) {
    queued = { msg, reason };
    return Promise.resolve();
  }
  return renderNow(msg, reason);
}

async function renderNow(msg: RenderMessage, reason: RenderedMessage['reason']): Promise<void> {
  rendering = true;
  const limitsChanged = !current || current.limits.maxEdges !== msg.limits.maxEdges || current.limits.maxTextSize !== msg.limits.maxTextSize;
  const hadSvg = !!canvas.querySelector('svg');
  current = msg;
  nodesById = new Map(msg.nodes.map((n) => [n.nodeId, n]));
  if (limitsChanged) initMermaid();
  showControls(msg);
  showNotices(msg);
  const report: RenderedMessage = {
    type: 'rendered', seq: msg.seq, reason, theme: themeKind(), hasSvg: false, nodeCount: 0, edgeCount: 0, layoutLinkCount: 0, cycleEdgeCount: 0, boundNodes: 0,
  };
  try {
    if (msg.nodes.length === 0) {
      canvas.replaceChildren();
      showError(undefined);
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = l10n.t('No specs match the current filters.');
      canvas.append(empty);
    } else {
      // parse first: a syntax error is reported instead of mermaid drawing its error bomb.
      const text = themedText(msg.mermaid);
      await mermaid.parse(text);
      const keepLayout = (msg.keepView && hadSvg) || reason === 'theme' || restoredView;
      const svg = await drawOriented(text, msg.nodes.length, keepLayout);
      // mermaid's strict mode has sanitised every label; the SVG carries no script or handler.
      canvas.innerHTML = svg;
      showError(undefined);
      const el = canvas.querySelector('svg');
      if (el) {
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', msg.caption);
        report.hasSvg = true;
        report.nodeCount = el.querySelectorAll('g.node').length;
        report.edgeCount = el.querySelectorAll('path.flowchart-link').length;
        // mermaid draws invisible links (`~~~`, layout only) as edge paths without that class.
        report.layoutLinkCount = el.querySelectorAll('.edgePaths path:not(.flowchart-link)').length;
        // Cycle edges are the only ones the text names (`c0`, `c1`…); mermaid keeps that in data-id.
        const cycleEdges = el.querySelectorAll('path.flowchart-link[data-id^="c"]');
        for (const edge of cycleEdges) edge.classList.add('cycle');
        report.cycleEdgeCount = cycleEdges.length;
        report.boundNodes = bindNodes(el);
      }
      if (restoredView) restoredView = false;
      else if (!msg.keepView || !hadSvg) {
        userMoved = false;
        fit(msg);
      }
      applyView();
    }
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    canvas.replaceChildren();
    showError(l10n.t('The graph could not be drawn: {0}', text));
    report.error = text;
  }
  persist();
  post(report);
  rendering = false;
  if (queued) {
    const next = queued;
    queued = undefined;
    await renderNow(next.msg, next.reason);
  }
}

/** Orientation last drawn; live updates and theme re-renders keep it so the view stays put. */
let orientation: 'LR' | 'TD' | undefined = saved.orientation === 'TD' || saved.orientation === 'LR' ? saved.orientation : undefined;
/** Above this many nodes a second layout costs too much time to try. */
const ORIENT_MAX_NODES = 150;

const withDirection = (text: string, dir: 'LR' | 'TD') => text.replace(/^flowchart (LR|TD)/, `flowchart ${dir}`);

/** The scale at which an SVG (mermaid's markup, by its viewBox) fits the viewport. */
function fitScaleOf(svg: string): number {
  const vb = /viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) ([\d.e]+)"/.exec(svg);
  if (!vb) return 1;
  return Math.min(1.25, (viewport.clientWidth - 32) / Number(vb[1]), (viewport.clientHeight - 32) / Number(vb[2]));
}

/**
 * Draws left-to-right, and also top-to-bottom when that would not fit legibly: member chains
 * make long staircases one way that fit the other. The better-fitting layout wins.
 */
async function drawOriented(text: string, nodes: number, keepLayout: boolean): Promise<string> {
  const base = /^flowchart (LR|TD)/.exec(text)?.[1] === 'TD' ? 'TD' : 'LR';
  const first = keepLayout && orientation ? orientation : base;
  const draw = async (dir: 'LR' | 'TD') => (await mermaid.render(`chant-graph-${++renderCount}`, withDirection(text, dir))).svg;
  let svg = await draw(first);
  orientation = first;
  if (keepLayout || nodes > ORIENT_MAX_NODES) return svg;
  const scale = fitScaleOf(svg);
  if (scale >= 0.8) return svg;
  const other = first === 'LR' ? 'TD' : 'LR';
  const alt = await draw(other);
  if (fitScaleOf(alt) > scale * 1.15) {
    svg = alt;
    orientation = other;
  }
  return svg;
}

/**
 * The text to draw: the core's text without its default `classDef` colours. mermaid writes
 * classDef styles inline with !important, which no theme could override; the classes stay on
 * the nodes and media/graph.css paints them from the theme's variables instead.
 */
function themedText(text: string): string {
  return text.split('\n').filter((line) => !/^\s*classDef\s/.test(line)).join('\n');
}

/** The node ID mermaid was given (`n12`), from a rendered node element. */
function nodeIdOf(el: Element): string | undefined {
  const data = el.getAttribute('data-id');
  if (data && nodesById.has(data)) return data;
  const m = /(?:^|-)flowchart-(n\d+)-\d+$/.exec(el.id);
  return m && nodesById.has(m[1]) ? m[1] : undefined;
}

/** Makes every rendered node clickable and keyboard reachable (mermaid's strict mode binds nothing). */
function bindNodes(svg: SVGSVGElement): number {
  let bound = 0;
  for (const el of svg.querySelectorAll<SVGGElement>('g.node')) {
    const nodeId = nodeIdOf(el);
    const info = nodeId ? nodesById.get(nodeId) : undefined;
    if (!nodeId || !info) continue;
    el.dataset.chantNode = nodeId;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', info.kind === 'spec' ? 'button' : 'img');
    el.setAttribute('aria-label', describe(info).join('. '));
    if (info.kind === 'spec') el.classList.add('openable');
    bound++;
  }
  return bound;
}

/** Tooltip and accessible-name lines for a node. */
function describe(n: GraphNodeInfo): string[] {
  if (n.kind === 'file') return [l10n.t('Tracked file {0}', n.title)];
  if (n.kind === 'missing') {
    return [`${n.specId}`, n.status === 'cross-repo' ? l10n.t('Cross-repository dependency (blocks until it is local)') : l10n.t('Not an active spec: it blocks every spec depending on it')];
  }
  const lines = [n.title, `${n.specId} · ${n.type ?? 'code'}`];
  const status = n.archived ? l10n.t('archived') : n.status.replace(/_/g, ' ');
  lines.push(n.ready ? l10n.t('Status: {0} (ready)', status) : l10n.t('Status: {0}', status));
  if (n.memberProgress) lines.push(l10n.t('Members: {0}/{1} completed', n.memberProgress.completed, n.memberProgress.total));
  if (n.criteria) lines.push(l10n.t('Criteria: {0}/{1} checked', n.criteria.checked, n.criteria.total));
  if (n.blockedBy.length) lines.push(l10n.t('Blocked by: {0}', n.blockedBy.join('; ')));
  if (n.drift) lines.push(l10n.t('Drifted: {0}', n.drift));
  if (n.onCycle) lines.push(l10n.t('On a dependency cycle'));
  return lines;
}

function nodeFromEvent(e: Event): { el: SVGGElement; info: GraphNodeInfo } | undefined {
  const el = (e.target as Element | null)?.closest?.<SVGGElement>('g.node[data-chant-node]');
  const info = el ? nodesById.get(el.dataset.chantNode ?? '') : undefined;
  return el && info ? { el, info } : undefined;
}

canvas.addEventListener('click', (e) => {
  const hit = nodeFromEvent(e);
  if (!hit || hit.info.kind !== 'spec') return;
  if (e.altKey) post({ type: 'focusNode', nodeId: hit.info.nodeId });
  else post({ type: 'open', nodeId: hit.info.nodeId });
});
canvas.addEventListener('keydown', (e) => {
  const hit = nodeFromEvent(e);
  if (!hit || hit.info.kind !== 'spec') return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    post({ type: 'open', nodeId: hit.info.nodeId });
  } else if (e.key === 'f' || e.key === 'F') {
    e.preventDefault();
    post({ type: 'focusNode', nodeId: hit.info.nodeId });
  }
});

function showTooltip(el: Element, info: GraphNodeInfo): void {
  tooltip.replaceChildren();
  describe(info).forEach((line, i) => {
    const div = document.createElement('div');
    div.textContent = line;
    if (i === 0) div.className = 'title';
    tooltip.append(div);
  });
  if (info.kind === 'spec') {
    const hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = l10n.t('Click or Enter: open · Alt+click or F: focus here');
    tooltip.append(hint);
  }
  tooltip.hidden = false;
  const r = el.getBoundingClientRect();
  const t = tooltip.getBoundingClientRect();
  const left = Math.min(Math.max(4, r.left), window.innerWidth - t.width - 4);
  const below = r.bottom + 6 + t.height < window.innerHeight;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - t.height - 6)}px`;
}
const hideTooltip = () => { tooltip.hidden = true; };
canvas.addEventListener('mouseover', (e) => { const hit = nodeFromEvent(e); if (hit) showTooltip(hit.el, hit.info); });
canvas.addEventListener('mouseout', (e) => { if (nodeFromEvent(e)) hideTooltip(); });
canvas.addEventListener('focusin', (e) => { const hit = nodeFromEvent(e); if (hit) showTooltip(hit.el, hit.info); });
canvas.addEventListener('focusout', hideTooltip);

function showError(text: string | undefined): void {
  errorEl.hidden = !text;
  errorEl.textContent = text ?? '';
}

function showNotices(msg: RenderMessage): void {
  captionEl.textContent = msg.caption;
  noticesEl.replaceChildren();
  for (const c of msg.cycles) {
    const p = document.createElement('p');
    p.className = 'cycle';
    p.textContent = l10n.t('Dependency cycle: {0}. These specs stay blocked until the cycle is broken.', [...c, c[0]].join(' → '));
    noticesEl.append(p);
  }
  // Every step the host took to make the graph fit, as one note (not a stack of them).
  if (msg.notices.length > 0) {
    const p = document.createElement('p');
    p.className = 'narrowed';
    p.textContent = msg.notices.join(' ');
    noticesEl.append(p);
  }
  noticesEl.hidden = noticesEl.childElementCount === 0;
}

// ---------------------------------------------------------------------------------------------
// Toolbar

const controls = {
  mode: $<HTMLButtonElement>('mode'),
  depth: $<HTMLInputElement>('depth'),
  status: $<HTMLSelectElement>('status'),
  type: $<HTMLSelectElement>('type'),
  label: $<HTMLSelectElement>('label'),
  hideCompleted: $<HTMLInputElement>('hideCompleted'),
  hideArchived: $<HTMLInputElement>('hideArchived'),
  showFiles: $<HTMLInputElement>('showFiles'),
  pinned: $<HTMLButtonElement>('pinned'),
};

function fillSelect(select: HTMLSelectElement, values: string[], selected: string, anyLabel: string): void {
  select.replaceChildren();
  const any = document.createElement('option');
  any.value = '';
  any.textContent = anyLabel;
  select.append(any);
  for (const v of values) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = v.replace(/_/g, ' ');
    select.append(o);
  }
  select.value = values.includes(selected) ? selected : '';
}

function showControls(msg: RenderMessage): void {
  const o = msg.options;
  // The button names what it does, not the mode it is in.
  controls.mode.textContent = o.mode === 'focus' ? l10n.t('Show Whole Project') : l10n.t('Show Neighbourhood');
  controls.mode.title = o.mode === 'focus'
    ? l10n.t('Showing the focused spec\'s neighbourhood: switch to the whole project')
    : l10n.t('Showing the whole project: switch to the focused spec\'s neighbourhood');
  controls.depth.value = String(o.depth);
  controls.depth.disabled = o.mode !== 'focus';
  fillSelect(controls.status, msg.choices.statuses, o.status, l10n.t('Any status'));
  fillSelect(controls.type, msg.choices.types, o.type, l10n.t('Any type'));
  fillSelect(controls.label, msg.choices.labels, o.label, l10n.t('Any label'));
  controls.label.disabled = msg.choices.labels.length === 0;
  controls.hideCompleted.checked = o.hideCompleted;
  controls.hideArchived.checked = o.hideArchived;
  controls.showFiles.checked = o.showFiles;
  controls.pinned.setAttribute('aria-pressed', String(o.pinned));
  controls.pinned.textContent = o.pinned ? l10n.t('Pinned') : l10n.t('Follow editor');
}

function sendOptions(change: Partial<GraphViewOptions>): void {
  if (!current) return;
  const options = sanitizeOptions({ ...current.options, ...change });
  current = { ...current, options };
  persist();
  post({ type: 'options', options });
}

controls.mode.addEventListener('click', () => sendOptions({ mode: current?.options.mode === 'focus' ? 'project' : 'focus' }));
controls.depth.addEventListener('change', () => sendOptions({ depth: Number(controls.depth.value) }));
controls.status.addEventListener('change', () => sendOptions({ status: controls.status.value }));
controls.type.addEventListener('change', () => sendOptions({ type: controls.type.value }));
controls.label.addEventListener('change', () => sendOptions({ label: controls.label.value }));
controls.hideCompleted.addEventListener('change', () => sendOptions({ hideCompleted: controls.hideCompleted.checked }));
controls.hideArchived.addEventListener('change', () => sendOptions({ hideArchived: controls.hideArchived.checked }));
controls.showFiles.addEventListener('change', () => sendOptions({ showFiles: controls.showFiles.checked }));
controls.pinned.addEventListener('click', () => sendOptions({ pinned: !current?.options.pinned }));
$('zoomIn').addEventListener('click', () => zoomAt(1.25));
$('zoomOut').addEventListener('click', () => zoomAt(0.8));
$('fit').addEventListener('click', () => {
  userMoved = false;
  if (current) fit(current, true);
  applyView();
  persist();
});
$('export').addEventListener('click', () => post({ type: 'exportRequest' }));

// ---------------------------------------------------------------------------------------------
// Pan and zoom: a CSS transform on the canvas, kept across live updates.

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** Below this scale labels are unreadable: fitting stops here and centres on the focus instead. */
const LEGIBLE_SCALE = 0.55;

function svgSize(): { w: number; h: number } | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { w: vb.width, h: vb.height };
  const r = svg.getBoundingClientRect();
  return { w: r.width / view.scale, h: r.height / view.scale };
}

/** Fits the graph to the panel. `whole` (the Fit button, the 0 key): all of it, at any scale.
 *  Otherwise (opening, resizing) a graph too big to read fitted keeps a legible scale instead. */
function fit(msg: RenderMessage, whole = false): void {
  const size = svgSize();
  if (!size) return;
  const vw = viewport.clientWidth;
  const vh = viewport.clientHeight;
  const pad = 16;
  const scale = Math.max(MIN_SCALE, Math.min(1.25, (vw - 2 * pad) / size.w, (vh - 2 * pad) / size.h));
  if (whole || scale >= LEGIBLE_SCALE) {
    view = { scale, x: (vw - size.w * scale) / 2, y: (vh - size.h * scale) / 2 };
    return;
  }
  // Too big to read when fitted: keep a legible scale and centre on the focused spec.
  view.scale = LEGIBLE_SCALE;
  view.x = (vw - size.w * LEGIBLE_SCALE) / 2;
  view.y = (vh - size.h * LEGIBLE_SCALE) / 2;
  const focus = msg.nodes.find((n) => n.focus);
  const el = focus ? canvas.querySelector(`g.node[data-chant-node="${focus.nodeId}"]`) : undefined;
  applyView();
  if (el) {
    const r = el.getBoundingClientRect();
    const v = viewport.getBoundingClientRect();
    view.x += v.left + vw / 2 - (r.left + r.width / 2);
    view.y += v.top + vh / 2 - (r.top + r.height / 2);
  } else {
    // No focus to centre on: start at the top left, where the layout begins.
    view.x = pad;
    view.y = pad;
  }
}

function applyView(): void {
  canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
}

function zoomAt(factor: number, cx = viewport.clientWidth / 2, cy = viewport.clientHeight / 2): void {
  userMoved = true;
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  view = { scale, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k };
  applyView();
  persist();
}

viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  const r = viewport.getBoundingClientRect();
  if (e.ctrlKey || e.metaKey) {
    zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - r.left, e.clientY - r.top);
  } else {
    userMoved = true;
    view.x -= e.deltaX;
    view.y -= e.deltaY;
    applyView();
    persist();
  }
}, { passive: false });

let drag: { x: number; y: number; vx: number; vy: number; moved: boolean } | undefined;
viewport.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 || (e.target as Element).closest('g.node')) return;
  drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  viewport.setPointerCapture(e.pointerId);
});
viewport.addEventListener('pointermove', (e) => {
  if (!drag) return;
  view.x = drag.vx + e.clientX - drag.x;
  view.y = drag.vy + e.clientY - drag.y;
  drag.moved = true;
  userMoved = true;
  applyView();
});
viewport.addEventListener('pointerup', (e) => {
  if (drag?.moved) persist();
  drag = undefined;
  viewport.releasePointerCapture(e.pointerId);
});
viewport.addEventListener('keydown', (e) => {
  if ((e.target as Element).closest('g.node') && (e.key === 'Enter' || e.key === ' ')) return;
  const step = 60;
  const moves: Record<string, () => void> = {
    ArrowLeft: () => { view.x += step; }, ArrowRight: () => { view.x -= step; },
    ArrowUp: () => { view.y += step; }, ArrowDown: () => { view.y -= step; },
    '+': () => zoomAt(1.25), '=': () => zoomAt(1.25), '-': () => zoomAt(0.8),
    '0': () => { if (current) fit(current, true); },
  };
  const move = moves[e.key];
  if (!move || e.ctrlKey || e.metaKey || e.altKey) return;
  e.preventDefault();
  userMoved = e.key !== '0';
  move();
  applyView();
  persist();
});

// Until the user moves the view, keep the graph fitted to the panel as it is resized.
new ResizeObserver(() => {
  if (userMoved || !current || !canvas.querySelector('svg')) return;
  fit(current);
  applyView();
}).observe(viewport);

// ---------------------------------------------------------------------------------------------
// Export and test hooks

/** A standalone copy of the SVG with the theme colours written in (CSS variables don't travel). */
function exportSvg(): string {
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
  const size = svgSize();
  if (size) {
    copy.setAttribute('width', String(Math.ceil(size.w)));
    copy.setAttribute('height', String(Math.ceil(size.h)));
  }
  const bg = cssColor('--vscode-editor-background');
  if (bg) copy.style.backgroundColor = bg;
  for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  return new XMLSerializer().serializeToString(copy);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  switch (msg?.type) {
    case 'render':
      void schedule(msg, 'render');
      break;
    case 'exportSvg':
      post({ type: 'svg', seq: msg.seq, svg: exportSvg() });
      break;
    case 'testClick': {
      const el = canvas.querySelector(`g.node[data-chant-node="${CSS.escape(msg.nodeId)}"]`);
      // A real click event through the same listener a user's click reaches.
      el?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      post({ type: 'testClicked', seq: msg.seq, found: !!el });
      break;
    }
  }
});

lastTheme = themeSignature();
initMermaid();
post({ type: 'ready' });
