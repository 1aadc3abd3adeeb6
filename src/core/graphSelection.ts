// Which nodes of the full graph a view shows (filters, a focus and its neighbourhood, the whole
// project's order when it must be cut) and the view's graph made from them (materialise).

import { compareSpecIds } from './ids';
import { FINISHED_STATUSES } from './model';
import { matchesStatuses } from './relations';
import { type FullEdge, type FullGraph, type FullNode, type GraphEdge, type GraphEdgeKind, type GraphFilters, type GraphNode, type GraphResult, type SpecGraph } from './graphModel';

export function passesFilters(n: FullNode, f: GraphFilters): boolean {
  if (n.kind === 'file') return true;
  if (f.hideArchived && n.archived) return false;
  if (n.kind === 'missing') return true;
  if (f.hideCompleted && FINISHED_STATUSES.has(n.status)) return false;
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

export interface Selection {
  keys: string[];
  focusKey?: string;
}

export function select(full: FullGraph, focusKey: string | undefined, depth: number, filters: GraphFilters, showFiles: boolean): Selection {
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

export function materialise(full: FullGraph, sel: Selection, meta: Omit<SpecGraph, 'nodes' | 'edges' | 'cycles'>): SpecGraph {
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
export function hub(full: FullGraph, filters: GraphFilters): string | undefined {
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
export function wholeProjectOrder(full: FullGraph, filters: GraphFilters, showFiles: boolean): { specs: string[]; attached: Map<string, string[]> } {
  const sel = select(full, undefined, 0, filters, showFiles);
  const specs: string[] = [];
  const others = new Set<string>();
  for (const k of sel.keys) {
    const n = full.nodes.get(k)!;
    if (n.kind === 'spec' && !n.archived) specs.push(k);
    else others.add(k);
  }
  const rank = (k: string) => (FINISHED_STATUSES.has(full.nodes.get(k)!.status) ? 1 : 0);
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

/** The result for the largest `k` in 1..`max` that fits (results grow with `k`), else the one for 1. */
export function largestFitting(max: number, make: (k: number) => GraphResult, fits: (r: GraphResult) => boolean): GraphResult {
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
