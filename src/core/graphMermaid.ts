// The mermaid flowchart text of a view's graph: labels escaped for text from untrusted
// repositories, a shape per spec type, a class per status, and unconnected nodes laid out in rows.

import type { GraphShape } from './graphShape';
import { shownStatus, type GraphEdgeKind, type GraphNode, type SpecGraph } from './graphModel';
import { WORD_JOINER } from './text';

const MAX_LABEL = 48;

// `:` because mermaid's preprocessing strips the last `;` of any line matching `style.*:\S*#.*;`;
// `ﬂ` and `¶` because mermaid's own entity placeholders are built from them.
const ESCAPED = new Set(['"', '#', '&', '<', '>', '%', '`', ':', 'ﬂ', '¶']);

/**
 * Pairs of characters (the one before, then this one) kept apart by WORD_JOINER: the sequences
 * mermaid reads in a label's text once it has decoded its entities (so that an entity code does
 * not stop them): `$$…$$` (math, with KaTeX, which the webview does not bundle), `\n` (a line
 * break), `fa:fa-name` (an icon element in place of the text) and its own entity placeholders
 * `ﬂ°°NN¶ß` (a character other than the title's).
 */
const JOINED = new Set(['$$', '\\n', ':f', 'ﬂ°', '¶ß']);

/**
 * Escapes text for a quoted mermaid label. Titles come from untrusted repositories: quotes,
 * HTML, backticks (markdown strings), `%%` (comments and `%%{init}%%` directives) and `#`
 * (mermaid's entity syntax) become mermaid entity codes (`#34;`), control characters (newlines)
 * spaces, and the pairs of JOINED are split by WORD_JOINER, so the text always stays inside its
 * label and renders literally.
 */
export function escapeLabel(text: string): string {
  let out = '';
  let before = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (JOINED.has(before + ch)) out += WORD_JOINER;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += ' ';
    else if (ESCAPED.has(ch)) out += `#${code};`;
    else out += ch;
    before = ch;
  }
  return out;
}

/** Shortens a title to fit a node, on a character (not UTF-16 unit) boundary. */
export function clip(text: string, max = MAX_LABEL): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

/** Mermaid class for a node's status (also styled by the panel from the theme). */
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

/**
 * Ranks by longest path from the sources (edges inside a cycle are left out, so it ends; any node
 * left on a cycle stays on rank 0). Linear in nodes and edges.
 */
export function graphShape(graph: Pick<SpecGraph, 'nodes' | 'edges'>): GraphShape {
  const ids = graph.nodes.map((n) => n.nodeId);
  if (ids.length === 0) return { ranks: 0, widest: 0 };
  const links: [string, string][] = graph.edges.filter((e) => !e.onCycle).map((e) => [e.from, e.to]);
  for (const row of isolatedRows(graph)) for (let i = 1; i < row.length; i++) links.push([row[i - 1], row[i]]);
  const out = new Map<string, string[]>();
  const inDegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const [from, to] of links) {
    if (!inDegree.has(from) || !inDegree.has(to) || from === to) continue;
    let list = out.get(from);
    if (!list) out.set(from, (list = []));
    list.push(to);
    inDegree.set(to, inDegree.get(to)! + 1);
  }
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => inDegree.get(id) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const next of out.get(id) ?? []) {
      rank.set(next, Math.max(rank.get(next)!, rank.get(id)! + 1));
      const left = inDegree.get(next)! - 1;
      inDegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const perRank = new Map<number, number>();
  for (const r of rank.values()) perRank.set(r, (perRank.get(r) ?? 0) + 1);
  return { ranks: Math.max(...perRank.keys()) + 1, widest: Math.max(...perRank.values()) };
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
