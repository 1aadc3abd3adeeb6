// Which way to lay a graph out, decided before mermaid draws it: laying it out twice (left to
// right, then top down, keeping the better fit) doubled the time to open the graph. The shape
// mermaid's layered layout gives is known from the edges alone (graphShape in graphMermaid.ts):
// how many ranks deep the longest chain is and how many nodes share the widest rank. No imports:
// the webview bundles this file.

export interface GraphShape {
  /** Ranks along the flow (the longest chain of edges, layout links included, plus one). */
  ranks: number;
  /** Most nodes on one rank (they stack across the flow). */
  widest: number;
}

/** A drawn box with mermaid's spacing (nodeSpacing and rankSpacing are 50 px): two lines of clipped text. */
const BOX = { width: 230, height: 60, gap: 50 };

/** The scale at which a layout of `shape` in direction `dir` would fit `viewport`. */
export function estimatedFit(shape: GraphShape, dir: 'LR' | 'TD', viewport: { width: number; height: number }): number {
  const along = (size: number) => shape.ranks * size + Math.max(0, shape.ranks - 1) * BOX.gap;
  const across = (size: number) => shape.widest * size + Math.max(0, shape.widest - 1) * BOX.gap;
  const [w, h] = dir === 'LR' ? [along(BOX.width), across(BOX.height)] : [across(BOX.width), along(BOX.height)];
  return w > 0 && h > 0 ? Math.min(viewport.width / w, viewport.height / h) : 1;
}

/**
 * The direction to draw in: `preferred` unless it would be shrunk below legible size and the other
 * direction fits clearly better (by 15%, so a near tie keeps the usual left-to-right flow).
 */
export function chooseDirection(shape: GraphShape, viewport: { width: number; height: number }, preferred: 'LR' | 'TD' = 'LR'): 'LR' | 'TD' {
  const scale = estimatedFit(shape, preferred, viewport);
  if (scale >= 0.8) return preferred;
  const other = preferred === 'LR' ? 'TD' : 'LR';
  return estimatedFit(shape, other, viewport) > scale * 1.15 ? other : preferred;
}
