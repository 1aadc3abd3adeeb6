// The spec graph: which specs to draw and how they relate (graphModel.ts), a focus on one spec's
// neighbourhood and filters (graphSelection.ts), a size guard below mermaid's limits (here), and
// the mermaid flowchart text (graphMermaid.ts). Pure: the panel and the headless CLI both print
// what this returns.

import * as l10n from '@vscode/l10n';
import { buildFull, MERMAID_LIMITS, type GraphFilters, type GraphOptions, type GraphResult, type GraphSource } from './graphModel';
import { layoutLinkCount, toMermaid } from './graphMermaid';
import { hub, largestFitting, materialise, select, wholeProjectOrder } from './graphSelection';

export {
  MERMAID_LIMITS, orderPredecessors, shownStatus,
  type GraphEdge, type GraphEdgeKind, type GraphFilters, type GraphLimits, type GraphNode, type GraphNodeKind, type GraphOptions, type GraphResult, type GraphSource, type SpecGraph,
} from './graphModel';
export { clip, escapeLabel, graphShape, isolatedRows, layoutLinkCount, statusClass, toMermaid } from './graphMermaid';

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
