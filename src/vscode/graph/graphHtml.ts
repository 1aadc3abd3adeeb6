// The graph webview's HTML: static markup, a strict CSP and one nonce'd script. No spec data is
// ever written into it: the graph arrives later as messages (see src/webview/protocol.ts).
// Its fixed text is translated here; the webview script translates its own text with the same
// bundle, handed over in the body's `data-l10n` attribute.
import * as l10n from '@vscode/l10n';

export interface GraphHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh per render, from crypto.randomBytes. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The translation bundle (`vscode.l10n.bundle`) for the webview script; none in English. */
  l10nBundle?: Record<string, string>;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Content-Security-Policy: scripts only with the nonce; mermaid injects inline styles. */
export function graphCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // One nonce'd module; the one file it imports, mermaid's (its dynamic import carries the nonce).
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
<title>${escapeAttr(l10n.t('Spec Graph'))}</title>
</head>
<body${input.l10nBundle ? ` data-l10n="${escapeAttr(JSON.stringify(input.l10nBundle))}"` : ''}>
<header>
  <div id="toolbar" role="toolbar" aria-label="${escapeAttr(l10n.t('Graph options'))}">
    <button id="mode" type="button">${escapeAttr(l10n.t('Show Whole Project'))}</button>
    <label class="depth">${escapeAttr(l10n.t('Depth'))} <input id="depth" type="number" min="1" max="10" step="1" value="2"></label>
    <div id="statuses" class="statuses" role="group" aria-label="${escapeAttr(l10n.t('Filter by status: any of the pressed statuses'))}"></div>
    <select id="type" aria-label="${escapeAttr(l10n.t('Filter by type'))}"></select>
    <select id="label" aria-label="${escapeAttr(l10n.t('Filter by label'))}"></select>
    <label><input id="hideCompleted" type="checkbox"> ${escapeAttr(l10n.t('Hide completed'))}</label>
    <label><input id="hideArchived" type="checkbox"> ${escapeAttr(l10n.t('Hide archived'))}</label>
    <label><input id="showFiles" type="checkbox"> ${escapeAttr(l10n.t('Tracked files'))}</label>
    <span class="spacer"></span>
    <button id="pinned" type="button" aria-pressed="false" title="${escapeAttr(l10n.t("Follow the active editor's spec, or keep this focus"))}">${escapeAttr(l10n.t('Follow editor'))}</button>
    <button id="zoomOut" type="button" aria-label="${escapeAttr(l10n.t('Zoom out'))}" title="${escapeAttr(l10n.t('Zoom out (-)'))}">−</button>
    <button id="fit" type="button" aria-label="${escapeAttr(l10n.t('Fit to view'))}" title="${escapeAttr(l10n.t('Fit to view (0)'))}">${escapeAttr(l10n.t('Fit'))}</button>
    <button id="zoomIn" type="button" aria-label="${escapeAttr(l10n.t('Zoom in'))}" title="${escapeAttr(l10n.t('Zoom in (+)'))}">+</button>
    <button id="export" type="button" title="${escapeAttr(l10n.t('Save the graph as an SVG file'))}">${escapeAttr(l10n.t('Export SVG'))}</button>
  </div>
  <div id="caption" aria-live="polite"></div>
  <div id="notices" role="status" hidden></div>
  <div id="error" role="alert" hidden></div>
</header>
<main id="viewport" tabindex="0" aria-label="${escapeAttr(l10n.t('Spec graph: Tab to reach nodes, Enter to open, F to focus, arrows to pan, + and - to zoom, 0 to fit'))}">
  <div id="canvas"><p class="empty" role="status">${escapeAttr(l10n.t('Drawing the graph…'))}</p></div>
</main>
<div id="legend" aria-hidden="true">
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-depends"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> ${escapeAttr(l10n.t('depends on'))}</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-member"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> ${escapeAttr(l10n.t('driver → member'))}</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="26" y2="5" class="lg-order"/><path d="M26 1 L34 5 L26 9 z" class="lg-arrow"/></svg> ${escapeAttr(l10n.t('member order'))}</span>
  <span><svg width="34" height="10"><line x1="0" y1="5" x2="34" y2="5" class="lg-tracks"/></svg> ${escapeAttr(l10n.t('tracked file'))}</span>
  <span class="sw st_ready">${escapeAttr(l10n.t('ready'))}</span><span class="sw st_in_progress">${escapeAttr(l10n.t('in progress'))}</span><span class="sw st_blocked">${escapeAttr(l10n.t('blocked'))}</span>
  <span class="sw st_pending">${escapeAttr(l10n.t('pending'))}</span><span class="sw st_completed">${escapeAttr(l10n.t('completed'))}</span><span class="sw st_failed">${escapeAttr(l10n.t('failed'))}</span>
</div>
<div id="tooltip" role="tooltip" hidden></div>
<script type="module" nonce="${escapeAttr(input.nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>
`;
}
