// The graph model of one project's specs: nodes and edges as the panel and the CLI receive them,
// the options and limits of a view, and the full graph built from the index (depends_on, driver →
// member, chant's implicit member order, tracked files) before focus, filters and narrowing.

import { driverIdOf, earlierSiblingNumbers, memberNumberOf, shortId } from './ids';
import type { DerivedStatus, Spec, SpecType } from './model';
import type { SpecRelations } from './relations';

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

/**
 * The status a node shows: `ready` for a pending spec chant would list as ready; a failed spec
 * that could be retried stays `failed` (the failure matters more).
 */
export function shownStatus(n: Pick<GraphNode, 'status' | 'ready'>): string {
  return n.ready && n.status === 'pending' ? 'ready' : n.status;
}

// The full graph of a project, before focus and filters.

export type FullNode = Omit<GraphNode, 'nodeId' | 'focus'>;

export interface FullEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  onCycle: boolean;
}

export interface FullGraph {
  nodes: Map<string, FullNode>;
  edges: FullEdge[];
  byId: Map<string, string>;
  cycles: Map<string, string[]>;
}

export function buildFull(source: GraphSource, showFiles: boolean): FullGraph {
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
