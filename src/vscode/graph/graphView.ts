// Turns the panel's options into a graph for one project: the core's graph and mermaid text plus
// what the webview needs besides (tooltips, caption, filter choices). No vscode import, so the
// unit tests and the webview harness can call it with a plain index.
import * as l10n from '@vscode/l10n';
import { buildGraph, describeFilters, MERMAID_LIMITS, type GraphLimits, type GraphResult } from '../../core/graph';
import { matchesStatuses } from '../../core/relations';
import type { Spec, SpecType } from '../../core/model';
import { describeBlockReason, type SpecIndex } from '../../core/specIndex';
import { SPEC_TYPES } from '../../core/model';
import type { GraphChoices, GraphNodeInfo, GraphViewOptions } from '../../webview/protocol';

export interface GraphViewRequest {
  root: string;
  /** Active spec ID the view is about (focus mode centres on it). */
  focusId?: string;
  options: GraphViewOptions;
  limits?: GraphLimits;
  driftOf?(spec: Spec): string | undefined;
}

export interface GraphView {
  result: GraphResult;
  nodes: GraphNodeInfo[];
  caption: string;
  choices: GraphChoices;
  /** Node ID → spec path, for opening what the user clicked. */
  paths: Map<string, string>;
}

/** Above this many active specs, the neighbourhood view centres on a spec even when none is open. */
export const BIG_PROJECT = 150;

const STATUS_ORDER = ['ready', 'pending', 'blocked', 'in_progress', 'paused', 'needs_attention', 'failed', 'completed', 'cancelled', 'invalid'];

/** What the whole-project view holds: `Showing 300 of 2,000 specs: status ready · 120 edges`. */
function wholeProjectCaption(project: string, shown: number, total: number, filters: string[], edgesText: string): string {
  if (shown === total && filters.length === 0) {
    return l10n.t('{0}: whole project · {1}, {2}', project, total === 1 ? l10n.t('1 spec') : l10n.t('{0} specs', total), edgesText);
  }
  const showing = l10n.t('Showing {0} of {1} specs', shown.toLocaleString('en-US'), total.toLocaleString('en-US'));
  return filters.length > 0
    ? l10n.t('{0}: {1}: {2} · {3}', project, showing, filters.join(', '), edgesText)
    : l10n.t('{0}: {1} · {2}', project, showing, edgesText);
}

export function buildGraphView(index: SpecIndex, req: GraphViewRequest): GraphView {
  const specs = index.specsOf(req.root);
  const o = req.options;
  const focus = o.mode === 'focus' ? req.focusId : undefined;
  const result = buildGraph(
    {
      specs,
      relationsOf: (s) => index.relationsOf(s),
      driftOf: req.driftOf,
      describe: (rel) => rel.blockedBy.map(describeBlockReason),
    },
    {
      focus,
      depth: o.depth,
      fallbackFocus: req.focusId,
      // Opened without a spec on a big project: a readable neighbourhood rather than 500 boxes.
      autoFocusAbove: o.mode === 'focus' ? BIG_PROJECT : undefined,
      showFiles: o.showFiles,
      limits: req.limits ?? MERMAID_LIMITS,
      filters: {
        hideCompleted: o.hideCompleted,
        hideArchived: o.hideArchived,
        statuses: o.statuses.length > 0 ? o.statuses : undefined,
        types: o.type && (SPEC_TYPES as readonly string[]).includes(o.type) ? [o.type as SpecType] : undefined,
        labels: o.label ? [o.label] : undefined,
      },
    },
  );
  const g = result.graph;
  const nodes: GraphNodeInfo[] = g.nodes.map((n) => ({
    nodeId: n.nodeId, kind: n.kind, specId: n.specId, title: n.title, shortId: n.shortId, type: n.type, status: n.status,
    ready: n.ready, archived: n.archived, drift: n.drift, criteria: n.criteria, memberProgress: n.memberProgress,
    blockedBy: n.blockedBy, onCycle: n.onCycle, focus: n.focus,
  }));
  const paths = new Map<string, string>();
  for (const n of g.nodes) if (n.path) paths.set(n.nodeId, n.path);

  // Each status toggle with the number of active specs it selects (the same test as the filter).
  const statusCounts = new Map<string, number>(STATUS_ORDER.map((s) => [s, 0]));
  const types = new Set<string>();
  const labels = new Set<string>();
  for (const s of specs) {
    if (s.archived) continue;
    const rel = index.relationsOf(s);
    for (const [status, n] of statusCounts) if (matchesStatuses([status], rel.status, rel.ready)) statusCounts.set(status, n + 1);
    types.add(s.type);
    for (const l of s.labels) labels.add(l);
  }
  const project = index.projects().find((p) => p.root === req.root)?.name ?? req.root;
  const specCount = g.nodes.filter((n) => n.kind === 'spec').length;
  const specsText = specCount === 1 ? l10n.t('1 spec') : l10n.t('{0} specs', specCount);
  const edgesText = g.edges.length === 1 ? l10n.t('1 edge') : l10n.t('{0} edges', g.edges.length);
  const counts = `${specsText}, ${edgesText}`;
  const focusNode = g.nodes.find((n) => n.focus);
  const caption = g.focus && focusNode
    ? (g.depth === 1
      ? l10n.t('{0}: 1 hop around {1} “{2}” · {3}', project, focusNode.specId, focusNode.title, counts)
      : l10n.t('{0}: {1} hops around {2} “{3}” · {4}', project, g.depth ?? 0, focusNode.specId, focusNode.title, counts))
    : wholeProjectCaption(project, g.nodes.filter((n) => n.kind === 'spec' && !n.archived).length, g.total.specs, describeFilters(g.filters), edgesText);
  return {
    result, nodes, caption, paths,
    choices: {
      statuses: [...statusCounts].filter(([, n]) => n > 0).map(([status, count]) => ({ status, count })),
      types: SPEC_TYPES.filter((t) => types.has(t)),
      labels: [...labels].sort(),
    },
  };
}
