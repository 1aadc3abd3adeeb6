// The graph webview's HTML: static markup, a strict CSP and one nonce'd script. No spec data is
// ever written into it: the graph arrives later as messages (see src/webview/protocol.ts).

export interface GraphHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh per render, from crypto.randomBytes. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Content-Security-Policy: scripts only with the nonce; mermaid injects inline styles. */
export function graphCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function graphHtml(input: GraphHtmlInput): string {
  const csp = escapeAttr(graphCsp(input.cspSource, input.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
<title>Spec Graph</title>
</head>
<body>
<header>
  <div id="toolbar" role="toolbar" aria-label="Graph options">
    <button id="mode" type="button" aria-pressed="false">Neighbourhood</button>
    <label class="depth">Depth <input id="depth" type="number" min="1" max="10" step="1" value="2"></label>
    <select id="status" aria-label="Filter by status"></select>
    <select id="type" aria-label="Filter by type"></select>
    <select id="label" aria-label="Filter by label"></select>
    <label><input id="hideCompleted" type="checkbox"> Hide completed</label>
    <label><input id="hideArchived" type="checkbox"> Hide archived</label>
    <label><input id="showFiles" type="checkbox"> Tracked files</label>
    <span class="spacer"></span>
    <button id="pinned" type="button" aria-pressed="false" title="Follow the active editor's spec, or keep this focus">Follow editor</button>
    <button id="zoomOut" type="button" aria-label="Zoom out" title="Zoom out (-)">−</button>
    <button id="fit" type="button" aria-label="Fit to view" title="Fit to view (0)">Fit</button>
    <button id="zoomIn" type="button" aria-label="Zoom in" title="Zoom in (+)">+</button>
    <button id="export" type="button" title="Save the graph as an SVG file">Export SVG</button>
  </div>
  <div id="caption" aria-live="polite"></div>
  <div id="notices" role="status" hidden></div>
  <div id="error" role="alert" hidden></div>
</header>
<main id="viewport" tabindex="0" aria-label="Spec graph: Tab to reach nodes, Enter to open, F to focus, arrows to pan, + and - to zoom, 0 to fit">
  <div id="canvas"></div>
</main>
<div id="legend" aria-hidden="true">
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-depends"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> depends on</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-member"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> driver → member</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-order"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> member order</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="lg-tracks"/></svg> tracked file</span>
  <span class="sw st_ready">ready</span><span class="sw st_in_progress">in progress</span><span class="sw st_blocked">blocked</span>
  <span class="sw st_pending">pending</span><span class="sw st_completed">completed</span><span class="sw st_failed">failed</span>
</div>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${escapeAttr(input.nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>
`;
}
