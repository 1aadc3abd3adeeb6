// The spec graph: which specs to draw and how they relate (depends_on, driver → member,
// chant's implicit member order, tracked files), a focus on one spec's neighbourhood, filters,
// a size guard below mermaid's limits, and the mermaid flowchart text. Pure: the panel and the
// headless CLI both print what this returns.

import * as l10n from '@vscode/l10n';
import { compareSpecIds, driverIdOf, earlierSiblingNumbers, memberNumberOf, shortId } from './ids';
import type { DerivedStatus, Spec, SpecType } from './model';
import { matchesStatuses, type SpecRelations } from './relations';

/** How two nodes are related; each kind is drawn with its own line style. */
export type GraphEdgeKind = 'depends' | 'member' | 'order' | 'tracks';

/** What a node stands for: a spec file, a dependency that names no active spec, or a tracked file pattern. */
export type GraphNodeKind = 'spec' | 'missing' | 'file';

/** One box in the picture. */
export interface GraphNode {
  /** Mermaid identifier (`n0`, `n1`…): safe in the diagram text, mapped back through `key`. */
  nodeId: string;
  /** Stable identity: the spec's path, `missing:ID` or `file:PATTERN`. */
  key: string;
  kind: GraphNodeKind;
  /** Spec ID (or the missing dependency's ID, or the file pattern). */
  specId: string;
  /** Absolute path of the spec file (spec nodes only). */
  path?: string;
  title: string;
  shortId: string;
  type?: SpecType;
  /** Derived status; `missing` nodes say why (`missing`, `archived`, `cross-repo`). */
  status: DerivedStatus | 'missing' | 'cross-repo' | 'file';
  /** `chant list --ready` would list it. */
  ready: boolean;
  archived: boolean;
  labels: string[];
  /** Drift summary from the drift feature, when the spec has drifted. */
  drift?: string;
  criteria?: { checked: number; total: number };
  memberProgress?: { completed: number; total: number };
  /** chant's blocked reasons, one readable line each. */
  blockedBy: string[];
  onCycle: boolean;
  /** The spec the view is centred on. */
  focus: boolean;
}

export interface GraphEdge {
  /** `nodeId` of the start. */
  from: string;
  /** `nodeId` of the end. */
  to: string;
  kind: GraphEdgeKind;
  /** A depends_on edge inside a dependency cycle. */
  onCycle: boolean;
}

export interface GraphFilters {
  /** Show only specs with one of these statuses (`matchesStatuses`: `ready` is chant's ready, the rest the derived status); empty = any. */
  statuses?: string[];
  types?: SpecType[];
  /** Show only specs carrying at least one of these labels. */
  labels?: string[];
  /** Hide completed and cancelled specs. */
  hideCompleted?: boolean;
  /** Hide archived specs (shown only when an active spec depends on them). */
  hideArchived?: boolean;
}

export interface GraphLimits {
  /** mermaid's `maxTextSize`: longer diagram text is refused. */
  maxTextSize: number;
  /** mermaid's `maxEdges`: more edges are refused. */
  maxEdges: number;
}

/** mermaid's own defaults. */
export const MERMAID_LIMITS: GraphLimits = { maxTextSize: 50_000, maxEdges: 500 };

export interface GraphOptions {
  /** Spec ID to centre on; without it the whole project is drawn. */
  focus?: string;
  /** Hops around the focus (every edge kind counts as one hop). */
  depth?: number;
  filters?: GraphFilters;
  /** Draw tracked-file edges for documentation and research specs. */
  showFiles?: boolean;
  limits?: GraphLimits;
  direction?: 'LR' | 'TD';
  /** Where to centre when the whole project is too big and no focus was asked for. */
  fallbackFocus?: string;
  /** Without a focus, centre on a neighbourhood anyway when the project has more active specs than this. */
  autoFocusAbove?: number;
}

/** What the graph is built from: one project's specs and the index's relations. */
export interface GraphSource {
  specs: readonly Spec[];
  relationsOf(spec: Spec): SpecRelations;
  /** Drift summary when the spec has drifted, else undefined. */
  driftOf?(spec: Spec): string | undefined;
  /** Readable lines for blocked reasons (the index's `describeBlockReason`). */
  describe?(rel: SpecRelations): string[];
}

export interface SpecGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Dependency cycles among the drawn specs, as IDs in edge order. */
  cycles: string[][];
  /** Focus and depth actually used (after narrowing). */
  focus?: string;
  depth?: number;
  /** Filters actually used (after narrowing). */
  filters: GraphFilters;
  showFiles: boolean;
  /** Sizes before any narrowing, for messages (`specs`: the project's active specs). */
  total: { nodes: number; edges: number; specs: number };
}

export interface GraphResult {
  graph: SpecGraph;
  mermaid: string;
  /** Why and how the view was narrowed to fit mermaid's limits; empty when it was not. */
  notices: string[];
}

const DONE = new Set(['completed', 'cancelled']);
const MAX_LABEL = 48;

// ---------------------------------------------------------------------------------------------
// The full graph of a project, before focus and filters.

type FullNode = Omit<GraphNode, 'nodeId' | 'focus'>;

interface FullEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  onCycle: boolean;
}

interface FullGraph {
  nodes: Map<string, FullNode>;
  edges: FullEdge[];
  byId: Map<string, string>;
  cycles: Map<string, string[]>;
}

function buildFull(source: GraphSource, showFiles: boolean): FullGraph {
  const nodes = new Map<string, FullNode>();
  const edges: FullEdge[] = [];
  const dependsPairs = new Set<string>();
  const tracksPairs = new Set<string>();
  // The spec chant uses per ID: active and not a duplicate; archived ones only as dependency targets.
  const active = new Map<string, Spec>();
  const archived = new Map<string, Spec>();
  const rels = new Map<Spec, SpecRelations>();
  for (const s of source.specs) {
    const rel = source.relationsOf(s);
    rels.set(s, rel);
    if (rel.duplicateOf) continue;
    if (s.archived) {
      if (!archived.has(s.id)) archived.set(s.id, s);
    } else if (!active.has(s.id)) {
      active.set(s.id, s);
    }
  }

  const specNode = (s: Spec): FullNode => {
    const rel = rels.get(s) ?? source.relationsOf(s);
    return {
      key: s.path, kind: 'spec', specId: s.id, path: s.path, title: s.title || s.id, shortId: shortId(s.id),
      type: s.type, status: s.archived ? s.status : rel.status, ready: !s.archived && rel.ready, archived: s.archived,
      labels: s.labels, drift: source.driftOf?.(s), criteria: s.criteria.total > 0 ? { ...s.criteria } : undefined,
      memberProgress: rel.memberProgress, blockedBy: s.archived ? [] : (source.describe?.(rel) ?? []),
      onCycle: !!rel.cycle,
    };
  };
  const byId = new Map<string, string>();
  for (const s of active.values()) {
    nodes.set(s.path, specNode(s));
    byId.set(s.id, s.path);
  }

  const cycles = new Map<string, string[]>();
  for (const s of active.values()) {
    const cycle = rels.get(s)?.cycle;
    if (cycle) cycles.set(s.id, cycle);
  }
  const sameCycle = (a: string, b: string) => {
    const ca = cycles.get(a);
    const cb = cycles.get(b);
    return !!ca && !!cb && (ca === cb || ca.join('\n') === cb.join('\n'));
  };

  for (const s of active.values()) {
    // depends_on: the prerequisite points at the spec that waits for it.
    for (const d of s.dependsOn) {
      const dep = d.value;
      let key = byId.get(dep);
      if (!key) {
        const old = archived.get(dep);
        if (old) {
          key = old.path;
          if (!nodes.has(key)) nodes.set(key, specNode(old));
        } else {
          key = `missing:${dep}`;
          if (!nodes.has(key)) {
            const crossRepo = dep.includes(':');
            nodes.set(key, {
              key, kind: 'missing', specId: dep, title: dep, shortId: shortId(dep), status: crossRepo ? 'cross-repo' : 'missing',
              ready: false, archived: false, labels: [], blockedBy: [], onCycle: false,
            });
          }
        }
      }
      // A spec may name the same dependency twice: one edge (a set, not a scan of every edge).
      const pair = `${key}\n${s.path}`;
      if (dependsPairs.has(pair)) continue;
      dependsPairs.add(pair);
      edges.push({ from: key, to: s.path, kind: 'depends', onCycle: byId.has(dep) && sameCycle(dep, s.id) });
    }
    // driver → member, along the tree's nesting (X → X.2 → X.2.1).
    const parent = rels.get(s)?.parent;
    const parentKey = parent ? byId.get(parent) : undefined;
    if (parentKey) edges.push({ from: parentKey, to: s.path, kind: 'member', onCycle: false });
    // chant's implicit order: a member without a depends_on key waits for every earlier sibling.
    for (const prior of orderPredecessors(s, active)) {
      edges.push({ from: byId.get(prior)!, to: s.path, kind: 'order', onCycle: false });
    }
  }

  if (showFiles) {
    for (const s of active.values()) {
      if (s.type !== 'documentation' && s.type !== 'research') continue;
      for (const v of [...s.tracks, ...s.origin, ...s.informedBy]) {
        const key = `file:${v.value}`;
        if (!nodes.has(key)) {
          nodes.set(key, {
            key, kind: 'file', specId: v.value, title: v.value, shortId: v.value, status: 'file', ready: false,
            archived: false, labels: [], blockedBy: [], onCycle: false,
          });
        }
        const pair = `${key}\n${s.path}`;
        if (!tracksPairs.has(pair)) {
          tracksPairs.add(pair);
          edges.push({ from: key, to: s.path, kind: 'tracks', onCycle: false });
        }
      }
    }
  }
  return { nodes, edges, byId, cycles };
}

/**
 * The earlier siblings a member waits for under chant's `all_prior_siblings_completed`, reduced
 * to the edges needed: walking back from `.N-1`, each sibling up to the first one that itself
 * waits for all before it (its own order edges imply the rest).
 */
export function orderPredecessors(s: Spec, active: Map<string, Spec>): string[] {
  const driver = driverIdOf(s.id);
  const n = memberNumberOf(s.id);
  if (!driver || n === undefined || s.hasDependsOnKey) return [];
  const out: string[] = [];
  const earlier = earlierSiblingNumbers(driver, n, active);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const k = earlier[i];
    const sib = active.get(`${driver}.${k}`)!;
    if (sib === s) continue;
    out.push(sib.id);
    if (!sib.hasDependsOnKey && memberNumberOf(sib.id) === k) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Selection: filters, focus, size guard.

function passesFilters(n: FullNode, f: GraphFilters): boolean {
  if (n.kind === 'file') return true;
  if (f.hideArchived && n.archived) return false;
  if (n.kind === 'missing') return true;
  if (f.hideCompleted && DONE.has(n.status)) return false;
  // One meaning per word: `ready` is chant's list --ready (not `status: ready` on disk), the rest the derived status.
  if (f.statuses && !matchesStatuses(f.statuses, n.status, n.ready)) return false;
  if (f.types && f.types.length > 0 && (!n.type || !f.types.includes(n.type))) return false;
  if (f.labels && f.labels.length > 0 && !n.labels.some((l) => f.labels!.includes(l))) return false;
  return true;
}

function adjacency(edges: FullEdge[], keep: Set<string>): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    let list = adj.get(a);
    if (!list) adj.set(a, (list = []));
    list.push(b);
  };
  for (const e of edges) {
    if (!keep.has(e.from) || !keep.has(e.to)) continue;
    add(e.from, e.to);
    add(e.to, e.from);
  }
  return adj;
}

/** Node keys in breadth-first order from `start`, up to `depth` hops (undirected). */
function neighbourhood(start: string, depth: number, adj: Map<string, string[]>): string[] {
  const order = [start];
  const seen = new Set(order);
  let frontier = [start];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const k of frontier) {
      for (const m of adj.get(k) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        order.push(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  return order;
}

interface Selection {
  keys: string[];
  focusKey?: string;
}

function select(full: FullGraph, focusKey: string | undefined, depth: number, filters: GraphFilters, showFiles: boolean): Selection {
  const keep = new Set<string>();
  for (const [k, n] of full.nodes) {
    if (!showFiles && n.kind === 'file') continue;
    if (k === focusKey || passesFilters(n, filters)) keep.add(k);
  }
  // Files and missing dependencies only make sense next to a spec that names them.
  const edges = full.edges.filter((e) => showFiles || e.kind !== 'tracks');
  const adj = adjacency(edges, keep);
  if (focusKey && keep.has(focusKey)) return { keys: neighbourhood(focusKey, depth, adj), focusKey };
  const keys = [...keep].filter((k) => {
    const n = full.nodes.get(k)!;
    return n.kind === 'spec' || (adj.get(k)?.length ?? 0) > 0;
  });
  return { keys };
}

function materialise(full: FullGraph, sel: Selection, meta: Omit<SpecGraph, 'nodes' | 'edges' | 'cycles'>): SpecGraph {
  const chosen = sel.keys.map((k) => full.nodes.get(k)!).sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'spec' ? -1 : b.kind === 'spec' ? 1 : a.kind < b.kind ? -1 : 1;
    return compareSpecIds(a.specId, b.specId) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  const idOf = new Map<string, string>();
  const nodes: GraphNode[] = chosen.map((n, i) => {
    const nodeId = `n${i}`;
    idOf.set(n.key, nodeId);
    return { ...n, nodeId, focus: n.key === sel.focusKey };
  });
  const edges: GraphEdge[] = [];
  for (const e of full.edges) {
    const from = idOf.get(e.from);
    const to = idOf.get(e.to);
    if (from && to && (meta.showFiles || e.kind !== 'tracks')) edges.push({ from, to, kind: e.kind, onCycle: e.onCycle });
  }
  // A stable order (the index reads files in no set order): same specs, same text, same layout.
  const num = (id: string) => Number(id.slice(1));
  const kindOrder: GraphEdgeKind[] = ['member', 'depends', 'order', 'tracks'];
  edges.sort((a, b) => num(a.from) - num(b.from) || num(a.to) - num(b.to) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  for (const n of nodes) {
    const c = n.kind === 'spec' ? full.cycles.get(n.specId) : undefined;
    if (!c || n.archived) continue;
    const key = c.join('\n');
    if (!seenCycles.has(key)) {
      seenCycles.add(key);
      cycles.push(c);
    }
  }
  return { nodes, edges, cycles, ...meta };
}

/** The highest-degree spec: a reasonable centre when nothing else says where to look. */
function hub(full: FullGraph, filters: GraphFilters): string | undefined {
  const degree = new Map<string, number>();
  for (const e of full.edges) {
    if (e.kind === 'tracks') continue;
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestDegree = -1;
  for (const [k, n] of full.nodes) {
    if (n.kind !== 'spec' || n.archived || !passesFilters(n, filters)) continue;
    const d = degree.get(k) ?? 0;
    if (d > bestDegree || (d === bestDegree && best !== undefined && compareSpecIds(n.specId, full.nodes.get(best)!.specId) < 0)) {
      best = k;
      bestDegree = d;
    }
  }
  return best;
}

/**
 * The whole project's active specs that pass the filters, unfinished before completed and
 * cancelled, each in ID order; and the other drawn nodes (archived and missing dependencies,
 * tracked files) with the specs that bring them in.
 */
function wholeProjectOrder(full: FullGraph, filters: GraphFilters, showFiles: boolean): { specs: string[]; attached: Map<string, string[]> } {
  const sel = select(full, undefined, 0, filters, showFiles);
  const specs: string[] = [];
  const others = new Set<string>();
  for (const k of sel.keys) {
    const n = full.nodes.get(k)!;
    if (n.kind === 'spec' && !n.archived) specs.push(k);
    else others.add(k);
  }
  const rank = (k: string) => (DONE.has(full.nodes.get(k)!.status) ? 1 : 0);
  specs.sort((a, b) => rank(a) - rank(b) || compareSpecIds(full.nodes.get(a)!.specId, full.nodes.get(b)!.specId));
  const attached = new Map<string, string[]>();
  for (const e of full.edges) {
    for (const [other, spec] of [[e.from, e.to], [e.to, e.from]]) {
      if (!others.has(other)) continue;
      let list = attached.get(other);
      if (!list) attached.set(other, (list = []));
      list.push(spec);
    }
  }
  return { specs, attached };
}

/** The filters a view applies, in words (`status ready`, `completed hidden`), for its caption. */
export function describeFilters(f: GraphFilters): string[] {
  const out: string[] = [];
  if (f.statuses?.length) out.push(l10n.t('status {0}', f.statuses.map((x) => x.replace(/_/g, ' ')).join(', ')));
  if (f.types?.length) out.push(l10n.t('type {0}', f.types.join(', ')));
  if (f.labels?.length) out.push(l10n.t('label {0}', f.labels.join(', ')));
  if (f.hideCompleted) out.push(l10n.t('completed hidden'));
  if (f.hideArchived) out.push(l10n.t('archived hidden'));
  return out;
}

/** The result for the largest `k` in 1..`max` that fits (results grow with `k`), else the one for 1. */
function largestFitting(max: number, make: (k: number) => GraphResult, fits: (r: GraphResult) => boolean): GraphResult {
  let lo = 1;
  let hi = max;
  let best = make(1);
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = make(mid);
    if (fits(r)) {
      best = r;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Builds the graph for `options` and its mermaid text, narrowing step by step until mermaid
 * accepts it (files hidden, completed hidden, focus on a neighbourhood, fewer hops, nearest specs
 * only). Each step taken is reported in `notices`.
 */
export function buildGraph(source: GraphSource, options: GraphOptions = {}): GraphResult {
  const limits = options.limits ?? MERMAID_LIMITS;
  let filters: GraphFilters = { ...options.filters };
  let showFiles = !!options.showFiles;
  const full = buildFull(source, showFiles);
  const direction = options.direction ?? 'LR';
  let focusKey = options.focus !== undefined ? full.byId.get(options.focus) : undefined;
  let depth = Math.max(0, Math.floor(options.depth ?? 2));
  const notices: string[] = [];
  if (options.focus !== undefined && !focusKey) notices.push(l10n.t('Spec {0} is not an active spec of this project: showing the whole project.', options.focus));
  const activeSpecs = [...full.nodes.values()].filter((n) => n.kind === 'spec' && !n.archived).length;
  if (!focusKey && options.autoFocusAbove !== undefined && activeSpecs > options.autoFocusAbove) {
    const wanted = options.fallbackFocus !== undefined ? full.byId.get(options.fallbackFocus) : undefined;
    focusKey = wanted ?? hub(full, filters);
    if (focusKey) {
      depth = Math.max(1, depth);
      notices.push(l10n.t('{0} specs: showing the neighbourhood of {1}. Choose the whole project to see them all.', fmt(activeSpecs), full.nodes.get(focusKey)!.specId));
    }
  }

  const total = { nodes: full.nodes.size, edges: full.edges.length, specs: activeSpecs };
  const attempt = (keys?: string[]): GraphResult => {
    const sel = select(full, focusKey, depth, filters, showFiles);
    if (keys) sel.keys = keys;
    const focusId = focusKey ? full.nodes.get(focusKey)?.specId : undefined;
    const graph = materialise(full, sel, { focus: focusId, depth: focusKey ? depth : undefined, filters: { ...filters }, showFiles, total });
    return { graph, mermaid: toMermaid(graph, { direction }), notices };
  };
  // mermaid counts the invisible layout links as edges too.
  const fits = (r: GraphResult) => r.mermaid.length <= limits.maxTextSize && r.graph.edges.length + layoutLinkCount(r.graph) <= limits.maxEdges;
  const over = (r: GraphResult) =>
    l10n.t("{0} nodes, {1} edges, {2} characters (mermaid's limits: {3} edges, {4} characters)",
      fmt(r.graph.nodes.length), fmt(r.graph.edges.length), fmt(r.mermaid.length), fmt(limits.maxEdges), fmt(limits.maxTextSize));

  let result = attempt();
  if (fits(result)) return result;

  if (showFiles) {
    notices.push(l10n.t('Too big with tracked files ({0}): tracked files are hidden.', over(result)));
    showFiles = false;
    result = attempt();
    if (fits(result)) return result;
  }
  if (!focusKey && options.autoFocusAbove === undefined) {
    // The whole project was asked for: the user chooses what to narrow by (status, type, label,
    // completed); until then, as many specs as fit, unfinished ones first.
    const order = wholeProjectOrder(full, filters, showFiles);
    const pick = (k: number) => {
      const keys = order.specs.slice(0, k);
      const chosen = new Set(keys);
      for (const [other, near] of order.attached) if (near.some((x) => chosen.has(x))) keys.push(other);
      return attempt(keys);
    };
    const best = largestFitting(order.specs.length, pick, fits);
    const shown = best.graph.nodes.filter((n) => n.kind === 'spec' && !n.archived).length;
    notices.push(l10n.t('Showing the first {0} of {1} matching specs, unfinished first: all of them would be {2}. Narrow by status, type or label, or hide completed specs, to see the rest.',
      fmt(shown), fmt(order.specs.length), over(result)));
    return best;
  }
  if (!filters.hideCompleted || !filters.hideArchived) {
    notices.push(l10n.t('Too big ({0}): completed, cancelled and archived specs are hidden.', over(result)));
    filters = { ...filters, hideCompleted: true, hideArchived: true };
    result = attempt();
    if (fits(result)) return result;
  }
  if (!focusKey) {
    const wanted = options.fallbackFocus !== undefined ? full.byId.get(options.fallbackFocus) : undefined;
    focusKey = wanted ?? hub(full, filters);
    if (focusKey) {
      depth = Math.max(1, depth || 2);
      notices.push(l10n.t('The whole project is too big ({0}): showing the neighbourhood of {1} instead.', over(result), full.nodes.get(focusKey)!.specId));
      result = attempt();
      if (fits(result)) return result;
    }
  }
  while (focusKey && depth > 1) {
    const before = over(result);
    depth--;
    notices.push(l10n.t('Too big ({0}): depth reduced to {1}.', before, depth));
    result = attempt();
    if (fits(result)) return result;
  }
  // Last resort: the nearest nodes only, as many as fit (largest prefix of the BFS order).
  const order = select(full, focusKey, depth, filters, showFiles).keys;
  const best = largestFitting(order.length, (k) => attempt(order.slice(0, k)), fits);
  notices.push(l10n.t('Still too big ({0}): showing the {1} nearest of {2} nodes.', over(result), fmt(best.graph.nodes.length), fmt(order.length)));
  return best;
}

// ---------------------------------------------------------------------------------------------
// Mermaid text.

// `:` because mermaid's preprocessing strips the last `;` of any line matching `style.*:\S*#.*;`;
// `ﬂ` and `¶` because mermaid's own entity placeholders are built from them.
const ESCAPED = new Set(['"', '#', '&', '<', '>', '%', '`', ':', 'ﬂ', '¶']);

/**
 * Escapes text for a quoted mermaid label. Titles come from untrusted repositories: quotes,
 * HTML, backticks (markdown strings), `%%` (comments and `%%{init}%%` directives) and `#`
 * (mermaid's entity syntax) become mermaid entity codes (`#34;`), control characters (newlines)
 * spaces, so the text always stays inside its label and renders literally.
 */
export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += ' ';
    else if (ESCAPED.has(ch)) out += `#${code};`;
    else out += ch;
  }
  return out;
}

/** Shortens a title to fit a node, on a character (not UTF-16 unit) boundary. */
export function clip(text: string, max = MAX_LABEL): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

/** Mermaid class for a node's status (also styled by the panel from the theme). */
/**
 * The status a node shows: `ready` for a pending spec chant would list as ready; a failed spec
 * that could be retried stays `failed` (the failure matters more).
 */
export function shownStatus(n: Pick<GraphNode, 'status' | 'ready'>): string {
  return n.ready && n.status === 'pending' ? 'ready' : n.status;
}

export function statusClass(n: Pick<GraphNode, 'status' | 'ready' | 'kind' | 'archived'>): string {
  if (n.kind === 'file') return 'file';
  if (n.kind === 'missing') return 'missing';
  if (n.archived) return 'archived';
  // `status: ready` written on disk is never ready for chant: not the same as the derived ready.
  if (n.status === 'ready') return 'st_ready_on_disk';
  return `st_${shownStatus(n)}`;
}

function shapeOf(n: GraphNode, label: string): string {
  const q = `"${label}"`;
  if (n.kind === 'missing') return `>${q}]`;
  if (n.kind === 'file') return `[\\${q}\\]`;
  switch (n.type) {
    case 'task': return `(${q})`;
    case 'driver': return `[[${q}]]`;
    case 'group': return `{{${q}}}`;
    case 'documentation': return `[/${q}/]`;
    case 'research': return `([${q}])`;
    default: return `[${q}]`;
  }
}

/** The second label line: short ID, status, and the drift mark. */
function detailLine(n: GraphNode): string {
  if (n.kind === 'file') return 'tracked file';
  if (n.kind === 'missing') return n.status === 'cross-repo' ? 'cross-repo dependency' : 'no such active spec';
  const status = n.archived ? 'archived' : shownStatus(n).replace(/_/g, ' ');
  const progress = n.memberProgress ? ` · ${n.memberProgress.completed}/${n.memberProgress.total}` : n.criteria ? ` · ${n.criteria.checked}/${n.criteria.total}` : '';
  return `${n.shortId} · ${status}${progress}${n.drift ? ' · ⚠ drifted' : ''}`;
}

const EDGE_SYNTAX: Record<GraphEdgeKind, string> = {
  depends: '-->',
  member: '==>',
  order: '-.->',
  tracks: '-.-',
};

/** Default colours for the status classes; the panel overrides them from the VS Code theme. */
const CLASS_DEFS: [string, string][] = [
  ['st_pending', 'fill:#f4f4f8,stroke:#8a8aa0,color:#222'],
  ['st_ready', 'fill:#e8f5e9,stroke:#2e7d32,color:#1b3a1d,stroke-width:2px'],
  ['st_in_progress', 'fill:#e3f2fd,stroke:#1565c0,color:#0d2a4a,stroke-width:2px'],
  ['st_blocked', 'fill:#fff3e0,stroke:#e65100,color:#4a2300'],
  ['st_paused', 'fill:#f3e5f5,stroke:#6a1b9a,color:#2e0d40'],
  ['st_completed', 'fill:#dcedc8,stroke:#558b2f,color:#1f3310'],
  ['st_failed', 'fill:#ffebee,stroke:#c62828,color:#4a0d0d,stroke-width:2px'],
  ['st_needs_attention', 'fill:#ffebee,stroke:#c62828,color:#4a0d0d,stroke-width:2px'],
  ['st_cancelled', 'fill:#eeeeee,stroke:#9e9e9e,color:#555,stroke-dasharray:4 3'],
  ['st_ready_on_disk', 'fill:#f4f4f8,stroke:#8a8aa0,color:#222'],
  ['st_invalid', 'fill:#ffebee,stroke:#c62828,color:#4a0d0d,stroke-dasharray:4 3'],
  ['archived', 'fill:#eeeeee,stroke:#9e9e9e,color:#555,stroke-dasharray:2 2'],
  ['missing', 'fill:#ffffff,stroke:#c62828,color:#4a0d0d,stroke-dasharray:4 3'],
  ['file', 'fill:#fafafa,stroke:#9e9e9e,color:#333'],
  ['drifted', 'stroke:#d97706,stroke-width:3px'],
  ['focus', 'stroke-width:4px'],
  ['cycle', 'stroke:#d32f2f,stroke-width:3px'],
];

/** Below this many unconnected nodes the layout leaves them alone. */
const ROW_MIN = 4;

/**
 * Unconnected nodes packed into rows: mermaid's layout stacks every node without an edge in one
 * column (a 40-spec project with few links became a 3,500-px strip). Chaining each row with
 * invisible links (`~~~`) lays them out as a grid about as wide as it is tall, beside the
 * connected parts.
 */
export function isolatedRows(graph: Pick<SpecGraph, 'nodes' | 'edges'>): string[][] {
  const linked = new Set<string>();
  for (const e of graph.edges) {
    linked.add(e.from);
    linked.add(e.to);
  }
  const alone = graph.nodes.filter((n) => !linked.has(n.nodeId)).map((n) => n.nodeId);
  if (alone.length < ROW_MIN) return [];
  // A box is about three times as wide as it is tall (with spacing): ~0.7·√n per row is roughly square.
  const width = Math.max(2, Math.ceil(0.7 * Math.sqrt(alone.length)));
  const rows: string[][] = [];
  for (let i = 0; i < alone.length; i += width) rows.push(alone.slice(i, i + width));
  return rows;
}

/** The invisible layout links `toMermaid` adds (mermaid counts them against its edge limit). */
export function layoutLinkCount(graph: Pick<SpecGraph, 'nodes' | 'edges'>): number {
  return isolatedRows(graph).reduce((sum, row) => sum + row.length - 1, 0);
}

/**
 * The mermaid flowchart for a graph. Node IDs are `n0…`, cycle edges `c0…`; nothing else is raw
 * text. Invisible links (`~~~`) only arrange unconnected nodes in rows; they are no relation.
 */
export function toMermaid(graph: SpecGraph, options: { direction?: 'LR' | 'TD' } = {}): string {
  const lines: string[] = [`flowchart ${options.direction ?? 'LR'}`];
  for (const n of graph.nodes) {
    const title = n.kind === 'spec' ? escapeLabel(clip(n.title)) : escapeLabel(clip(n.title, 60));
    const label = `${title}<br/>${escapeLabel(clip(detailLine(n), 60))}`;
    lines.push(`  ${n.nodeId}${shapeOf(n, label)}`);
  }
  const cycleEdges: string[] = [];
  for (const e of graph.edges) {
    if (e.onCycle) {
      const id = `c${cycleEdges.length}`;
      cycleEdges.push(id);
      lines.push(`  ${e.from} ${id}@${EDGE_SYNTAX[e.kind]} ${e.to}`);
    } else {
      lines.push(`  ${e.from} ${EDGE_SYNTAX[e.kind]} ${e.to}`);
    }
  }
  for (const row of isolatedRows(graph)) if (row.length > 1) lines.push(`  ${row.join(' ~~~ ')}`);
  // Classes, grouped so the text stays small: `class n1,n4 st_blocked`.
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => {
    let list = byClass.get(cls);
    if (!list) byClass.set(cls, (list = []));
    list.push(id);
  };
  for (const n of graph.nodes) {
    addClass(statusClass(n), n.nodeId);
    if (n.drift) addClass('drifted', n.nodeId);
    if (n.focus) addClass('focus', n.nodeId);
  }
  for (const id of cycleEdges) addClass('cycle', id);
  for (const [cls, style] of CLASS_DEFS) if (byClass.has(cls)) lines.push(`  classDef ${cls} ${style}`);
  for (const [cls, ids] of byClass) lines.push(`  class ${ids.join(',')} ${cls}`);
  return lines.join('\n') + '\n';
}
