// The graph webview (the bundle's entry): renders the mermaid text the host sends (or shows a
// picture of it drawn before), reports back what it drew, and wires the parts: ./mermaidLoader,
// ./theme (colours), ./nodes (clicks, keys, tooltips), ./toolbar (options), ./panZoom (the view),
// ./exportSvg, and in test builds ./testHooks.
// Runs in the browser under a strict CSP; all text from specs goes through textContent.
import * as l10n from '@vscode/l10n';
import { chooseDirection } from '../core/graphShape';
import { exportSvg } from './exportSvg';
import { bindNodes, installNodeHandlers } from './nodes';
import { PanZoom } from './panZoom';
import { loadMermaid, mermaidFetchedAt, mermaidLoadedAt, mermaidWith } from './mermaidLoader';
import { MAX_PICTURE_CHARS, sanitizeOptions, type GraphNodeInfo, type GraphPicture, type GraphViewOptions, type HostMessage, type RenderMessage, type RenderedMessage } from './protocol';
import { installTestHooks } from './testHooks';
import { mermaidConfig, themeKind, watchTheme } from './theme';
import { installToolbar, showControls } from './toolbar';
import { $, post, savedState, saveState } from './vscodeApi';

/** How long after its load the page waits for a render it was not given before asking for one. */
const READY_WAIT_MS = 50;
/** When this script started running (mermaid's code comes after, see ./mermaidLoader). */
const scriptStartedAt = performance.now();
// Fetched meanwhile: the first render most often needs it.
void loadMermaid();

// The host hands over its translation bundle (none in English) as data, never as script.
const bundle = document.body.dataset.l10n;
if (bundle) {
  try {
    l10n.config({ contents: bundle });
  } catch {
    // An unreadable bundle leaves the English text.
  }
}

const viewport = $<HTMLDivElement>('viewport');
const canvas = $<HTMLDivElement>('canvas');
const noticesEl = $<HTMLDivElement>('notices');
const errorEl = $<HTMLDivElement>('error');
const captionEl = $<HTMLDivElement>('caption');

// ---------------------------------------------------------------------------------------------
// State

let current: RenderMessage | undefined;
let nodesById = new Map<string, GraphNodeInfo>();
let renderCount = 0;
/** When each render's data arrived (for its timings). */
const received = new WeakMap<RenderMessage, number>();
let rendering = false;
let queued: { msg: RenderMessage; reason: RenderedMessage['reason'] } | undefined;
const saved = savedState();
const panZoom = new PanZoom(viewport, canvas, () => current, persist, saved.view);
/** The panel kept a view: the first render restores it instead of fitting. */
let restoredView = !!saved.view;
/** Orientation last drawn; live updates and theme re-renders keep it so the view stays put. */
let orientation: 'LR' | 'TD' | undefined = saved.orientation === 'TD' || saved.orientation === 'LR' ? saved.orientation : undefined;

function persist(): void {
  if (!current) return;
  saveState({ options: current.options, focusPath: current.focusPath, view: panZoom.view, orientation });
}

// ---------------------------------------------------------------------------------------------
// Rendering

function schedule(msg: RenderMessage, reason: RenderedMessage['reason']): Promise<void> {
  received.set(msg, Math.round(performance.now()));
  if (rendering) {
    queued = { msg, reason };
    return Promise.resolve();
  }
  return renderNow(msg, reason);
}

async function renderNow(msg: RenderMessage, reason: RenderedMessage['reason']): Promise<void> {
  rendering = true;
  const hadSvg = !!canvas.querySelector('svg');
  current = msg;
  nodesById = new Map(msg.nodes.map((n) => [n.nodeId, n]));
  showControls(msg);
  showNotices(msg);
  const report: RenderedMessage = {
    type: 'rendered', seq: msg.seq, reason, theme: themeKind(), hasSvg: false, nodeCount: 0, edgeCount: 0, layoutLinkCount: 0, cycleEdgeCount: 0, boundNodes: 0, reused: false,
    timings: { pageMs: pageLoadedAt(), scriptMs: Math.round(scriptStartedAt), ...scriptsFetched(), mermaidFetchedMs: 0, mermaidMs: 0, receivedMs: received.get(msg) ?? 0, layoutMs: 0, drawnMs: 0, direction: 'LR' },
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
      // A syntax error throws (suppressErrorRendering, see theme.ts): it is reported below
      // instead of mermaid drawing its error bomb.
      const text = themedText(msg.mermaid);
      const keepLayout = (msg.keepView && hadSvg) || reason === 'theme' || restoredView;
      const direction = directionFor(text, msg, keepLayout);
      const config = mermaidConfig(msg.limits);
      const look = JSON.stringify(config);
      const picture = msg.pictures?.find((p) => p.direction === direction && p.look === look);
      let svg: string;
      if (picture) {
        svg = picture.svg;
        report.reused = true;
        // Later renders take IDs after the picture's (mermaid removes an element of the ID it draws).
        renderCount = Math.max(renderCount, pictureNumber(svg));
      } else {
        const mermaid = await mermaidWith(config, look);
        const t0 = performance.now();
        svg = (await mermaid.render(`chant-graph-${++renderCount}`, withDirection(text, direction))).svg;
        report.timings.layoutMs = Math.round(performance.now() - t0);
        if (svg.length <= MAX_PICTURE_CHARS) {
          report.picture = { direction, look, svg } satisfies GraphPicture;
          // Kept here too: a theme switched back re-renders this message without the host.
          msg.pictures = [report.picture, ...(msg.pictures ?? [])];
        }
      }
      orientation = direction;
      report.timings = { ...report.timings, mermaidFetchedMs: mermaidFetchedAt(), mermaidMs: mermaidLoadedAt(), direction };
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
        report.boundNodes = bindNodes(el, nodesById);
      }
      if (restoredView) restoredView = false;
      else if (!msg.keepView || !hadSvg) {
        panZoom.userMoved = false;
        panZoom.fit(msg);
      }
      panZoom.apply();
      report.timings.drawnMs = Math.round(performance.now());
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

/** When the webview host's blank page (which this HTML is written into) had arrived. */
function pageLoadedAt(): number {
  const page = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return Math.round(page?.responseEnd ?? 0);
}

/** The script files fetched before this script ran (the bundle: 1) and when the last arrived. */
function scriptsFetched(): { scriptFiles: number; fetchedMs: number } {
  const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => /\.js$/.test(new URL(e.name).pathname) && e.startTime <= scriptStartedAt);
  return { scriptFiles: scripts.length, fetchedMs: Math.round(Math.max(0, ...scripts.map((e) => e.responseEnd))) };
}

const withDirection = (text: string, dir: 'LR' | 'TD') => text.replace(/^flowchart (LR|TD)/, `flowchart ${dir}`);

/** N of a picture's `chant-graph-N` (its SVG's ID); 0 when it has none. */
function pictureNumber(svg: string): number {
  const n = /^<svg[^>]*?\sid="chant-graph-(\d{1,9})"/.exec(svg)?.[1];
  return n ? Number(n) : 0;
}

/**
 * Left to right, or top down when that fits the panel clearly better (member chains make long
 * staircases one way that fit the other), judged from the graph's shape before one layout.
 * Live updates and theme changes keep the direction drawn, so the view stays put.
 */
function directionFor(text: string, msg: RenderMessage, keepLayout: boolean): 'LR' | 'TD' {
  if (keepLayout && orientation) return orientation;
  const preferred = /^flowchart (LR|TD)/.exec(text)?.[1] === 'TD' ? 'TD' : 'LR';
  return chooseDirection(msg.shape, { width: viewport.clientWidth - 32, height: viewport.clientHeight - 32 }, preferred);
}

/**
 * The text to draw: the core's text without its default `classDef` colours. mermaid writes
 * classDef styles inline with !important, which no theme could override; the classes stay on
 * the nodes and media/graph.css paints them from the theme's variables instead.
 */
function themedText(text: string): string {
  return text.split('\n').filter((line) => !/^\s*classDef\s/.test(line)).join('\n');
}

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
// Wiring

function sendOptions(change: Partial<GraphViewOptions>): void {
  if (!current) return;
  const options = sanitizeOptions({ ...current.options, ...change });
  current = { ...current, options };
  persist();
  post({ type: 'options', options });
}

installNodeHandlers(canvas, $<HTMLDivElement>('tooltip'), () => nodesById);
installToolbar({
  change: sendOptions,
  current: () => current?.options,
  zoom: (factor) => panZoom.zoomAt(factor),
  fit: () => panZoom.fitWhole(),
  exportSvg: () => post({ type: 'exportRequest' }),
});

/** The seq of the last render received (the host's first render comes with the page). */
let seenSeq = 0;
let saidReady = false;
/** Tells the host which render this page has, once: it sends what the page has not seen. */
function sayReady(): void {
  if (saidReady) return;
  saidReady = true;
  post({ type: 'ready', seen: seenSeq });
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  switch (msg?.type) {
    case 'render':
      // A second copy of a render (sent again to a page that asked before the first arrived).
      if (msg.seq <= seenSeq) break;
      seenSeq = msg.seq;
      sayReady();
      void schedule(msg, 'render');
      break;
    case 'exportSvg':
      post({ type: 'svg', seq: msg.seq, svg: exportSvg(canvas, panZoom.svgSize()) });
      break;
  }
});
if (__CHANT_TEST_HOOKS__) installTestHooks();

watchTheme(() => current?.limits, () => { if (current) void schedule(current, 'theme'); });
// What the host posted while the page loaded is handed over when it has loaded; a page that got
// nothing by shortly after asks for it.
const askLater = () => setTimeout(sayReady, READY_WAIT_MS);
if (document.readyState === 'complete') askLater();
else window.addEventListener('load', askLater, { once: true });
