// The messages between the graph panel (extension host) and its webview, both directions.
// Imported by both sides; no DOM and no vscode types, so it compiles in either tsconfig.
// The host posts a `render` as it sets the page and when a hidden panel is shown (VS Code holds
// messages until the page has loaded); the page posts `ready` with the last render it received,
// and the host sends again what the page has not seen (a page opened in the background, or
// reloaded by Developer: Reload Webviews). A page keeps the first copy of a render it gets.
import type { GraphNode } from '../core/graph';
import type { GraphShape } from '../core/graphShape';

/** The webview panel type (also the serializer's key and the `onWebviewPanel:` activation event). */
export const GRAPH_VIEW_TYPE = 'chantSpecs.graph';

/** What the user can change from the panel's toolbar; persisted with the panel. */
export interface GraphViewOptions {
  /** `focus`: the neighbourhood of the focused spec; `project`: the whole project. */
  mode: 'focus' | 'project';
  depth: number;
  hideCompleted: boolean;
  hideArchived: boolean;
  showFiles: boolean;
  /** Statuses to show (any one matches; empty = any): `ready` is chant's ready, the others derived statuses. */
  statuses: string[];
  /** Empty string = any. */
  type: string;
  label: string;
  /** Keep the focus instead of following the active editor. */
  pinned: boolean;
}

export const DEFAULT_VIEW_OPTIONS: GraphViewOptions = {
  mode: 'focus', depth: 2, hideCompleted: false, hideArchived: false, showFiles: false, statuses: [], type: '', label: '', pinned: false,
};

/** A node as the webview needs it for tooltips and keyboard access (text only, never HTML). */
export type GraphNodeInfo = Omit<GraphNode, 'key' | 'path' | 'labels'>;

/** What the toolbar offers: statuses with the number of active specs each selects, types, labels. */
export interface GraphChoices {
  statuses: { status: string; count: number }[];
  types: string[];
  labels: string[];
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

// Host → webview ---------------------------------------------------------------------------

export interface RenderMessage {
  type: 'render';
  /** Increases with every render the host asks for; echoed back in `rendered`. */
  seq: number;
  mermaid: string;
  nodes: GraphNodeInfo[];
  edgeCount: number;
  /** Ranks and widest rank of the layout: the webview picks its direction from them, laying out once. */
  shape: GraphShape;
  /** Dependency cycles among the drawn specs, as IDs. */
  cycles: string[][];
  /** Why the view was narrowed to fit mermaid's limits. */
  notices: string[];
  options: GraphViewOptions;
  /** Title line for the panel: what is shown. */
  caption: string;
  /** Choices for the filter menus and status toggles. */
  choices: GraphChoices;
  limits: { maxTextSize: number; maxEdges: number };
  /** Keep the current zoom and scroll (a live update) instead of fitting the graph to the view. */
  keepView: boolean;
  /** Path of the focused spec, kept with the panel's state so a reload restores the focus. */
  focusPath?: string;
  /**
   * Pictures of this same text the webview drew earlier in the session (kept by the host): one
   * with the direction and look the webview would draw now is shown as it is, without mermaid.
   */
  pictures?: GraphPicture[];
}

/** A graph the webview drew: mermaid's SVG, and what besides the text it depends on. */
export interface GraphPicture {
  direction: 'LR' | 'TD';
  /** mermaid's configuration it was drawn with, as JSON (theme colours, font, limits). */
  look: string;
  /** The SVG as mermaid returned it (its strict mode sanitised every label). */
  svg: string;
}

/** Longest picture the host keeps (a 435-node graph is about 0.4 MB). */
export const MAX_PICTURE_CHARS = 4_000_000;
const MAX_LOOK_CHARS = 20_000;

export interface ExportSvgMessage {
  type: 'exportSvg';
  seq: number;
}

// Test builds add their own messages (./testProtocol.ts); none of them is part of this protocol.
export type HostMessage = RenderMessage | ExportSvgMessage;

// Webview → host ---------------------------------------------------------------------------

export interface RenderedMessage {
  type: 'rendered';
  seq: number;
  /** `theme`: re-rendered by the webview itself after a theme switch. */
  reason: 'render' | 'theme';
  theme: ThemeKind;
  hasSvg: boolean;
  /** Node and edge elements found in the rendered SVG. */
  nodeCount: number;
  edgeCount: number;
  /** Invisible links (`~~~`) that only arrange unconnected nodes; not in `edgeCount`. */
  layoutLinkCount: number;
  cycleEdgeCount: number;
  /** Nodes bound to click and keyboard handlers. */
  boundNodes: number;
  /** Where the time went, in ms (the log's debug line and the benchmark read it). */
  timings: RenderTimings;
  /** A picture from `pictures` was shown: mermaid did not draw. */
  reused: boolean;
  /** What mermaid drew for this render, for the host to keep. */
  picture?: GraphPicture;
  error?: string;
}

export interface RenderTimings {
  /** From the webview's navigation to its blank page loaded: the webview host's own start (its service worker), before this HTML. */
  pageMs: number;
  /** From the webview's navigation to its script running. */
  scriptMs: number;
  /** Script files fetched before the script ran: 1, the webview's own code (mermaid comes later). */
  scriptFiles: number;
  /** When the script's file arrived: the rest of `scriptMs` is evaluating it. */
  fetchedMs: number;
  /** When mermaid's module file (dist/webview/mermaid.js) had arrived: the rest of `mermaidMs` is evaluating it. */
  mermaidFetchedMs: number;
  /** When mermaid's module (dist/webview/mermaid.js) was loaded and evaluated; 0 when it was not needed yet. */
  mermaidMs: number;
  /** When the data of this render arrived from the host. */
  receivedMs: number;
  /** mermaid.render: parsing the text, the layout and the SVG. */
  layoutMs: number;
  /** When the SVG was in the page, its nodes bound and the view fitted. */
  drawnMs: number;
  /** The direction drawn. */
  direction: 'LR' | 'TD';
}

export type WebviewMessage =
  /** `seen`: the seq of the last render the page received (0: none). */
  | { type: 'ready'; seen: number }
  | RenderedMessage
  | { type: 'open'; nodeId: string }
  | { type: 'focusNode'; nodeId: string }
  | { type: 'options'; options: GraphViewOptions }
  | { type: 'svg'; seq: number; svg: string }
  | { type: 'exportRequest' };

/** What the webview keeps with `setState` (and what the serializer gets back after a reload). */
export interface PersistedGraphState {
  options: GraphViewOptions;
  /** Path of the focused spec. */
  focusPath?: string;
  view?: { scale: number; x: number; y: number };
  /** The layout direction the webview chose (it keeps it across reloads). */
  orientation?: 'LR' | 'TD';
}

const NODE_ID = /^n\d{1,6}$/;

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** More than chant has statuses: a longer list is not from our toolbar. */
const MAX_STATUSES = 16;
const STATUS_WORD = /^[a-z_]{1,40}$/;

/** The status list from options: known-looking words, once each; an older panel's single `status` becomes a list of one. */
function sanitizeStatuses(o: Record<string, unknown>): string[] {
  const raw = Array.isArray(o.statuses) ? o.statuses : typeof o.status === 'string' && o.status ? [o.status] : [];
  const out: string[] = [];
  for (const s of raw.slice(0, MAX_STATUSES)) if (typeof s === 'string' && STATUS_WORD.test(s) && !out.includes(s)) out.push(s);
  return out;
}

/** Validates options coming back from the webview or from persisted state; unknown values fall back to defaults. */
export function sanitizeOptions(x: unknown): GraphViewOptions {
  const o = isObject(x) ? x : {};
  const str = (k: 'type' | 'label') => (typeof o[k] === 'string' && (o[k] as string).length <= 200 ? (o[k] as string) : DEFAULT_VIEW_OPTIONS[k] as string);
  const bool = (k: 'hideCompleted' | 'hideArchived' | 'showFiles' | 'pinned') => (typeof o[k] === 'boolean' ? (o[k] as boolean) : DEFAULT_VIEW_OPTIONS[k] as boolean);
  const depth = typeof o.depth === 'number' && Number.isFinite(o.depth) ? Math.min(10, Math.max(1, Math.floor(o.depth))) : DEFAULT_VIEW_OPTIONS.depth;
  return {
    mode: o.mode === 'project' ? 'project' : 'focus',
    depth,
    hideCompleted: bool('hideCompleted'),
    hideArchived: bool('hideArchived'),
    showFiles: bool('showFiles'),
    statuses: sanitizeStatuses(o),
    type: str('type'),
    label: str('label'),
    pinned: bool('pinned'),
  };
}

/** Checks a message from the webview before the host acts on it (the webview renders repository text). */
export function parseWebviewMessage(x: unknown): WebviewMessage | undefined {
  if (!isObject(x) || typeof x.type !== 'string') return undefined;
  const seq = typeof x.seq === 'number' && Number.isInteger(x.seq) ? x.seq : undefined;
  switch (x.type) {
    case 'ready':
      return { type: 'ready', seen: typeof x.seen === 'number' && Number.isSafeInteger(x.seen) && x.seen > 0 ? x.seen : 0 };
    case 'exportRequest':
      return { type: x.type };
    case 'open':
    case 'focusNode':
      return typeof x.nodeId === 'string' && NODE_ID.test(x.nodeId) ? { type: x.type, nodeId: x.nodeId } : undefined;
    case 'options':
      return { type: 'options', options: sanitizeOptions(x.options) };
    case 'svg':
      return seq !== undefined && typeof x.svg === 'string' ? { type: 'svg', seq, svg: x.svg } : undefined;
    case 'rendered': {
      if (seq === undefined) return undefined;
      const num = (k: string) => (typeof x[k] === 'number' && Number.isFinite(x[k]) ? (x[k] as number) : 0);
      const theme = ['light', 'dark', 'high-contrast', 'high-contrast-light'].includes(x.theme as string) ? (x.theme as ThemeKind) : 'light';
      return {
        type: 'rendered', seq, reason: x.reason === 'theme' ? 'theme' : 'render', theme, hasSvg: x.hasSvg === true,
        nodeCount: num('nodeCount'), edgeCount: num('edgeCount'), layoutLinkCount: num('layoutLinkCount'), cycleEdgeCount: num('cycleEdgeCount'), boundNodes: num('boundNodes'),
        timings: renderTimings(x.timings),
        reused: x.reused === true,
        picture: parsePicture(x.picture),
        error: typeof x.error === 'string' ? x.error.slice(0, 2000) : undefined,
      };
    }
    default:
      return undefined;
  }
}

function renderTimings(x: unknown): RenderTimings {
  const t = isObject(x) ? x : {};
  const ms = (k: string) => (typeof t[k] === 'number' && Number.isFinite(t[k]) && (t[k] as number) >= 0 ? Math.min(t[k] as number, 3_600_000) : 0);
  return {
    pageMs: ms('pageMs'), scriptMs: ms('scriptMs'), scriptFiles: Math.min(ms('scriptFiles'), 10_000), fetchedMs: ms('fetchedMs'), mermaidFetchedMs: ms('mermaidFetchedMs'), mermaidMs: ms('mermaidMs'), receivedMs: ms('receivedMs'),
    layoutMs: ms('layoutMs'), drawnMs: ms('drawnMs'), direction: t.direction === 'TD' ? 'TD' : 'LR',
  };
}

/** A picture to keep, or undefined when it is not one the webview's mermaid could have drawn. */
export function parsePicture(x: unknown): GraphPicture | undefined {
  if (!isObject(x)) return undefined;
  const { direction, look, svg } = x;
  if (direction !== 'LR' && direction !== 'TD') return undefined;
  if (typeof look !== 'string' || look.length > MAX_LOOK_CHARS) return undefined;
  if (typeof svg !== 'string' || svg.length > MAX_PICTURE_CHARS || !svg.startsWith('<svg')) return undefined;
  return { direction, look, svg };
}
